import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from '../helpers.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('bridge.state', () => {
  it('starts empty, with availability unknown', () => {
    const { bridge } = page();
    expect(bridge.state).toEqual({
      chat: { active: false, messagesSent: 0, messagesReceived: 0 },
      call: { active: false },
      availability: { chat: {}, call: {} },
      cobrowsing: false,
    });
  });

  it('follows a whole chat: ids, who started it, counts, first response time and duration', () => {
    const { bridge, tag, events } = page();
    const start = Date.now();
    tag.fire('onChatStarted', { id: 9, conversationId: 'uuid-9', startedBy: 'proactif' });
    tag.fire('onMessageReceived', { msg: 'Welcome!' }); // greeting before the visitor spoke
    vi.advanceTimersByTime(1000);
    tag.fire('onMessageSent', { msg: 'Do you ship to Spain?' });
    vi.advanceTimersByTime(4500);
    tag.fire('onMessageReceived', { msg: 'Yes' });
    vi.advanceTimersByTime(500);
    tag.fire('onMessageSent', { msg: 'Thanks' });
    tag.fire('onMessageReceived', { msg: 'You are welcome' });
    expect(bridge.state.chat).toEqual({
      active: true,
      chatId: '9',
      conversationId: 'uuid-9',
      startedBy: 'proactive',
      startedAt: start,
      messagesSent: 2,
      messagesReceived: 3,
      firstResponseMs: 4500,
    });
    vi.advanceTimersByTime(60_000);
    tag.fire('onChatEnded', { id: 9, endedBy: 'operator' });
    expect(bridge.state.chat.active).toBe(false);
    expect(bridge.state.chat.chatId).toBe('9');
    expect(events.at(-1)).toMatchObject({ type: 'chat:ended', durationMs: 66_000 });
  });

  it('counts messages that arrive before onChatStarted in the chat that follows', () => {
    const { bridge, tag } = page();
    tag.fire('onMessageSent', { msg: 'Hello?' });
    vi.advanceTimersByTime(2000);
    tag.fire('onChatStarted', { id: 1, startedBy: 'visitor' });
    tag.fire('onMessageReceived', { msg: 'Hi!' });
    expect(bridge.state.chat).toMatchObject({ chatId: '1', messagesSent: 1, messagesReceived: 1, firstResponseMs: 2000 });
  });

  it('starts a fresh record for the next chat', () => {
    const { bridge, tag } = page();
    tag.fire('onChatStarted', { id: 1 });
    tag.fire('onMessageSent', { msg: 'a' });
    tag.fire('onMessageReceived', { msg: 'b' });
    tag.fire('onChatEnded', { id: 1 });
    tag.fire('onChatStarted', { id: 2 });
    expect(bridge.state.chat).toMatchObject({ chatId: '2', active: true, messagesSent: 0, messagesReceived: 0 });
    expect(bridge.state.chat.firstResponseMs).toBeUndefined();
  });

  it('gives no chat duration when the end belongs to another chat or no start was seen', () => {
    const { tag, events } = page();
    tag.fire('onChatEnded', { id: 1 });
    tag.fire('onChatStarted', { id: 2 });
    tag.fire('onChatEnded', { id: 3 });
    expect(events.filter((e) => e.type === 'chat:ended').every((e) => !('durationMs' in e))).toBe(true);
  });

  it('follows calls and measures their duration', () => {
    const { bridge, tag, events } = page();
    const start = Date.now();
    tag.fire('onCallStarted', null);
    expect(bridge.state.call).toEqual({ active: true, startedAt: start });
    vi.advanceTimersByTime(90_000);
    tag.fire('onCallEnded', null);
    expect(bridge.state.call).toEqual({ active: false });
    expect(events.at(-1)).toMatchObject({ type: 'call:ended', durationMs: 90_000 });
  });

  it('keeps availability per channel and only what the tag actually reported', () => {
    const { bridge, tag } = page();
    tag.fire('onStatusChanged', { offline: 0, busy: 1 });
    tag.fire('onCallStatusChanged', { offline: '1' });
    expect(bridge.state.availability).toEqual({ chat: { offline: false, busy: true }, call: { offline: true } });
    tag.fire('onStatusChanged', { offline: 'garbage', busy: 0 });
    expect(bridge.state.availability.chat).toEqual({ offline: false, busy: false });
  });

  it('knows whether cobrowsing is on', () => {
    const { bridge, tag } = page();
    tag.fire('onCobrowsingRequested');
    expect(bridge.state.cobrowsing).toBe(false);
    tag.fire('onCobrowsingAccepted');
    expect(bridge.state.cobrowsing).toBe(true);
    tag.fire('onCobrowsingStopped');
    expect(bridge.state.cobrowsing).toBe(false);
  });

  it('is a frozen snapshot: later events do not change a snapshot already taken', () => {
    const { bridge, tag } = page();
    const before = bridge.state;
    tag.fire('onChatStarted', { id: 1 });
    expect(before.chat.active).toBe(false);
    expect(Object.isFrozen(bridge.state.chat)).toBe(true);
    expect(() => {
      (bridge.state.chat as { active: boolean }).active = false;
    }).toThrow(TypeError);
    expect(bridge.state).toBe(bridge.state);
  });
});

describe('bridge.state after a missed onChatEnded', () => {
  it('a start for another chat begins a fresh record', () => {
    const { bridge, tag } = page();
    tag.fire('onChatStarted', { id: 1 });
    tag.fire('onMessageSent', { msg: 'a' });
    tag.fire('onChatStarted', { id: 2 });
    expect(bridge.state.chat).toMatchObject({ chatId: '2', active: true, messagesSent: 0 });
  });
});
