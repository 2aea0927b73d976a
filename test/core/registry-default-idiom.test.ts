import { describe, expect, it } from 'vitest';
import { install } from '../../src/index.js';
import { loadTag, newWindow } from '../helpers.js';

type Host = { iAdvizeCallbacks: Record<string, unknown> };

/**
 * A documented limit (README, "How the registry works"): every callback of the registry reads as a
 * function, so "set it only if unset" finds it set. The site's function is not installed; nothing
 * breaks, and the event is still emitted. Assigning the function plainly works.
 */
describe.each(['late', 'boot'] as const)('"set it only if unset" idioms, tag lookup %s', (lookup) => {
  it('cb.onX = cb.onX || fn keeps what was there (nothing), emits the event, throws nothing', () => {
    const win = newWindow();
    const bridge = install({ window: win });
    const events: string[] = [];
    bridge.on('*', (event) => events.push(event.type));
    const tag = loadTag(win, lookup);
    const host = win as unknown as Host;
    const fn = () => 'site';
    host.iAdvizeCallbacks.onChatStarted = host.iAdvizeCallbacks.onChatStarted || fn;
    expect(typeof host.iAdvizeCallbacks.onChatStarted).toBe('function');
    expect(tag.fire('onChatStarted', { id: 1 })).toBeUndefined();
    expect(events).toEqual(['chat:started']);
    host.iAdvizeCallbacks.onChatStarted = fn;
    expect(tag.fire('onChatStarted', { id: 2 })).toBe('site');
    expect(tag.seen.errors).toEqual([]);
  });
});
