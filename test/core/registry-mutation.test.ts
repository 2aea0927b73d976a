import { describe, expect, it } from 'vitest';
import { install, type BridgeEvent } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/** Ordinary object operations site code (or a hardening script) applies to window.iAdvizeCallbacks. */
type Host = { iAdvizeCallbacks: Record<string, unknown> };

function setup(lookup: 'late' | 'boot' = 'late') {
  const win = newWindow();
  const calls: string[] = [];
  const host = win as unknown as Host;
  host.iAdvizeCallbacks = { onChatStarted: () => calls.push('old') };
  const bridge = install({ window: win });
  const events: string[] = [];
  bridge.on('*', (event: BridgeEvent) => events.push(event.type));
  return { host, calls, events, bridge, tag: loadTag(win, lookup) };
}

describe('delete, then assign again', () => {
  // A documented limit (README): a deleted callback property is out of the bridge's reach. The
  // site's new function still runs, and nothing throws; the bridge does not hear that callback.
  it('the new function runs, nothing throws, the bridge no longer hears that callback', () => {
    const { host, calls, events, tag } = setup();
    delete host.iAdvizeCallbacks.onChatStarted;
    host.iAdvizeCallbacks.onChatStarted = () => calls.push('new');
    tag.fire('onChatStarted', { id: 1 });
    expect(calls).toEqual(['new']);
    expect(events).toEqual([]);
    expect(tag.seen.errors).toEqual([]);
  });

  it('destroy() leaves the function the site assigned last, not the one it deleted', () => {
    const { host, calls, bridge } = setup();
    delete host.iAdvizeCallbacks.onChatStarted;
    host.iAdvizeCallbacks.onChatStarted = () => calls.push('new');
    bridge.destroy();
    (host.iAdvizeCallbacks.onChatStarted as () => void)();
    // Observed: ['old']: destroy() writes back the deleted function over the site's new one.
    expect(calls).toEqual(['new']);
  });
});

describe('Object.defineProperty of a callback', () => {
  it('destroy() keeps the function the site defined', () => {
    const { host, bridge } = setup();
    const defined = () => 'defined';
    Object.defineProperty(host.iAdvizeCallbacks, 'onChatEnded', { value: defined, writable: true, enumerable: true, configurable: true });
    bridge.destroy();
    // Observed: undefined (destroy() deletes every name it holds no site function for).
    expect(host.iAdvizeCallbacks.onChatEnded).toBe(defined);
  });
});

describe.each(['freeze', 'preventExtensions', 'seal'] as const)('Object.%s(window.iAdvizeCallbacks)', (how) => {
  it('a later reassignment with a key of its own does not throw into the site code', () => {
    const { host } = setup();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- one signature out of three overloaded ones, which TypeScript cannot call as a union
    (Object[how] as (o: object) => object)(host.iAdvizeCallbacks);
    // Observed: TypeError "Cannot define property ..., object is not extensible".
    expect(() => {
      host.iAdvizeCallbacks = { ...host.iAdvizeCallbacks, onNewerTagCallback: () => {} };
    }).not.toThrow();
  });

  it('destroy() does not throw and leaves the page as it found it', () => {
    const { host, bridge, calls } = setup();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- one signature out of three overloaded ones, which TypeScript cannot call as a union
    (Object[how] as (o: object) => object)(host.iAdvizeCallbacks);
    // Observed with freeze/seal: TypeError "Cannot delete property 'onChatDisplayed'", bridge half destroyed.
    expect(() => bridge.destroy()).not.toThrow();
    (host.iAdvizeCallbacks.onChatStarted as () => void)();
    expect(calls).toEqual(['old']);
  });
});
