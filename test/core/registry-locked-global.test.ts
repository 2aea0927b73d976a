import { describe, expect, it } from 'vitest';
import { install, type BridgeEvent } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/**
 * window.iAdvizeCallbacks already locked by another script (a consent or tag manager wrapper that
 * defined it with a getter, or made it read-only): install() cannot take it over, but it must not
 * throw into the page either (the script-tag build runs install() at load: an exception there stops
 * the rest of the bridge and shows up as a page error).
 */
describe('install() over a locked window.iAdvizeCallbacks', () => {
  it.each([
    [
      'a non-configurable getter',
      (win: Window, site: object) =>
        Object.defineProperty(win, 'iAdvizeCallbacks', { get: () => site, enumerable: true, configurable: false }),
    ],
    [
      'a non-configurable, read-only value',
      (win: Window, site: object) =>
        Object.defineProperty(win, 'iAdvizeCallbacks', { value: site, writable: false, enumerable: true, configurable: false }),
    ],
  ])('%s: no exception, the site function still runs', (_what, lock) => {
    const win = newWindow();
    const calls: string[] = [];
    lock(win, { onChatStarted: () => calls.push('site') });
    let bridgeEvents: BridgeEvent[] = [];
    // Observed: TypeError "Cannot set property iAdvizeCallbacks of #<Window> which has only a getter" / "Cannot assign to read only property".
    expect(() => {
      const bridge = install({ window: win });
      bridge.on('*', (event) => bridgeEvents.push(event));
    }).not.toThrow();
    loadTag(win, 'late').fire('onChatStarted', { id: 1 });
    expect(calls).toEqual(['site']);
    bridgeEvents = [];
  });
});
