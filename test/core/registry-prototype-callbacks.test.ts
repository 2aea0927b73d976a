import { describe, expect, it } from 'vitest';
import { install, type BridgeEvent } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/**
 * Site code written with a class (TypeScript, Angular services) or Object.create puts its callbacks on
 * the prototype: `window.iAdvizeCallbacks = new SiteCallbacks()`. The tag reads `obj.onChatStarted`,
 * which finds inherited methods, so without the bridge they run. With it, they must run too.
 */
class SiteCallbacks {
  calls: string[] = [];
  onChatStarted(ctx: unknown) {
    this.calls.push(`started ${(ctx as { id: number }).id}`);
  }
}

describe.each(['late', 'boot'] as const)('callbacks inherited from a prototype, tag lookup %s', (lookup) => {
  it.each(['before', 'after'] as const)('a class instance assigned %s install runs its method, once, with the event', (when) => {
    const win = newWindow();
    const host = win as unknown as { iAdvizeCallbacks: unknown };
    const site = new SiteCallbacks();
    if (when === 'before') host.iAdvizeCallbacks = site;
    const bridge = install({ window: win });
    const events: BridgeEvent[] = [];
    bridge.on('*', (event) => events.push(event));
    const tag = loadTag(win, lookup);
    if (when === 'after') host.iAdvizeCallbacks = site;
    tag.fire('onChatStarted', { id: 1 });
    // Observed: [] (Object.keys skips inherited methods), while the event is emitted.
    expect(site.calls).toEqual(['started 1']);
    expect(events.map((event) => event.type)).toEqual(['chat:started']);
  });

  it('Object.create(handlers) before install runs the inherited handler', () => {
    const win = newWindow();
    const calls: string[] = [];
    (win as unknown as { iAdvizeCallbacks: unknown }).iAdvizeCallbacks = Object.create({ onChatEnded: () => calls.push('ended') });
    install({ window: win });
    loadTag(win, lookup).fire('onChatEnded', { id: 1 });
    expect(calls).toEqual(['ended']);
  });
});
