import { describe, expect, it } from 'vitest';
import { custom, EVENT_TYPES, install, type BridgeEvent } from '../../src/index.js';
import { loadTag } from '../helpers.js';
import { bareWindow } from '../helpers.js';

describe('a burst of 100,000 events', () => {
  it('reaches every listener and adapter in order, none dropped', () => {
    const win = bareWindow();
    const forwarded: string[] = [];
    const adapter = custom((event) => forwarded.push((event as BridgeEvent<'message:sent'>).text), { events: EVENT_TYPES });
    const bridge = install({ window: win, adapters: [adapter] });
    const heard: string[] = [];
    bridge.on('message:sent', (e) => heard.push(e.text));
    let wildcard = 0;
    bridge.on('*', () => wildcard++);
    const tag = loadTag(win, 'boot');
    const total = 100_000;
    for (let i = 0; i < total; i++) tag.fire('onMessageSent', { time: '10:00', msg: String(i) });
    expect(heard).toHaveLength(total);
    expect(forwarded).toHaveLength(total);
    expect(wildcard).toBe(total);
    expect(heard.every((text, i) => text === String(i))).toBe(true);
    expect(forwarded.every((text, i) => text === String(i))).toBe(true);
    expect(adapter.stats).toMatchObject({ sent: total, pending: 0, droppedQueueFull: 0, droppedExpired: 0, failed: 0 });
    expect(bridge.state.chat.messagesSent).toBe(total);
  });
});
