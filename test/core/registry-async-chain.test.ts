import { describe, expect, it } from 'vitest';
import { install, type BridgeEvent } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/**
 * A site function that calls the function it kept LATER (after a timer, or once a promise settles)
 * instead of synchronously. Without the bridge: the kept function runs once, after the new one.
 * The site functions below stop re-scheduling after GUARD calls so a broken registry cannot hang
 * the test runner; a real site has no such guard, so there the loop never ends (a microtask loop
 * freezes the page).
 */
type Host = { iAdvizeCallbacks: Record<string, (ctx?: unknown) => unknown> };
const GUARD = 50;

const defer = {
  setTimeout: (fn: () => void) => setTimeout(fn, 0),
  promise: (fn: () => void) => void Promise.resolve().then(fn),
};

describe.each(['late', 'boot'] as const)('a chain that calls the kept function asynchronously, tag lookup %s', (lookup) => {
  it.each(Object.keys(defer) as Array<keyof typeof defer>)(
    'via %s: the kept function runs once, the new one once, one event',
    async (how) => {
      const win = newWindow();
      const calls: string[] = [];
      const host = win as unknown as Host;
      host.iAdvizeCallbacks = { onChatStarted: () => void calls.push('first') };
      const bridge = install({ window: win });
      const events: BridgeEvent[] = [];
      bridge.on('*', (event) => events.push(event));
      const tag = loadTag(win, lookup);

      const temp = host.iAdvizeCallbacks.onChatStarted;
      let scheduled = 0;
      host.iAdvizeCallbacks.onChatStarted = function (ctx: unknown) {
        calls.push('added');
        if (++scheduled <= GUARD) defer[how](() => temp(ctx));
      };
      tag.fire('onChatStarted', { id: 1 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      bridge.destroy();

      // Observed: ['added', 'added', ... 51 times], 'first' never runs, 51 chat:started events.
      expect(calls).toEqual(['added', 'first']);
      expect(events.map((event) => event.type)).toEqual(['chat:started']);
    },
  );
});
