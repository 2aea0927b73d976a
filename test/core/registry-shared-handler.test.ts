import { describe, expect, it } from 'vitest';
import { install, type BridgeEvent } from '../../src/index.js';

import { loadTag, newWindow } from '../helpers.js';

/**
 * One site function used for two callbacks, by assigning what was read from one name to another:
 * `cb.onChatEnded = cb.onChatStarted`, or `{ ...cb, onChatHidden: cb.onChatDisplayed }`. Without the
 * bridge the tag simply calls that function for both. With it, each tag call must still give the
 * event of the callback the tag called.
 */
type Host = { iAdvizeCallbacks: Record<string, unknown> };

function setup(lookup: 'late' | 'boot') {
  const win = newWindow();
  const calls: string[] = [];
  const host = win as unknown as Host;
  host.iAdvizeCallbacks = { onChatStarted: () => calls.push('track'), onChatDisplayed: () => calls.push('panel') };
  const bridge = install({ window: win });
  const events: string[] = [];
  bridge.on('*', (event: BridgeEvent) => events.push(event.type));
  return { host, calls, events, tag: loadTag(win, lookup) };
}

describe.each(['late', 'boot'] as const)('one site function under two callback names, tag lookup %s', (lookup) => {
  it('per property: cb.onChatEnded = cb.onChatStarted gives chat:ended for onChatEnded', () => {
    const { host, calls, events, tag } = setup(lookup);
    host.iAdvizeCallbacks.onChatEnded = host.iAdvizeCallbacks.onChatStarted;
    tag.fire('onChatStarted', { id: 1 });
    tag.fire('onChatEnded', { id: 1 });
    expect(calls).toEqual(['track', 'track']);
    // Observed: ['chat:started', 'chat:started']: the link read from onChatStarted keeps its name.
    expect(events).toEqual(['chat:started', 'chat:ended']);
  });

  it('in a spread: { ...cb, onChatHidden: cb.onChatDisplayed } gives chat:hidden for onChatHidden', () => {
    const { host, calls, events, tag } = setup(lookup);
    const cb = host.iAdvizeCallbacks;
    host.iAdvizeCallbacks = { ...cb, onChatHidden: cb.onChatDisplayed };
    tag.fire('onChatDisplayed');
    tag.fire('onChatHidden');
    expect(calls).toEqual(['panel', 'panel']);
    // Observed: ['chat:displayed', 'chat:displayed'].
    expect(events).toEqual(['chat:displayed', 'chat:hidden']);
  });
});
