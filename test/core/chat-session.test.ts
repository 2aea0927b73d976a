import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ga4, install, type BridgeEvent, type InstallOptions } from '../../src/index.js';
import { STORAGE_KEY, STORED_CHAT_TTL_MS } from '../../src/core/chat-session.js';
import { loadTag } from '../helpers.js';

/** A tab's sessionStorage, shared by the pages the visitor goes through. */
function tabStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** One page load in the tab: a fresh window, the bridge, then the tag. */
function pageIn(storage: Storage | (() => Storage), options: Omit<InstallOptions, 'window'> = {}) {
  const win = { location: { search: '' } } as unknown as Window;
  Object.defineProperty(win, 'sessionStorage', { get: typeof storage === 'function' ? storage : () => storage });
  const gtag = vi.fn();
  Object.assign(win, { gtag });
  const bridge = install({ window: win, adapters: [ga4({ includeIds: true })], ...options });
  const events: BridgeEvent[] = [];
  bridge.on('*', (event) => events.push(event));
  const tag = loadTag(win, 'late');
  const chatStartedSent = () => gtag.mock.calls.filter((call) => call[1] === 'chat_started').length;
  return { bridge, tag, events, gtag, chatStartedSent };
}

const START = { id: 4242, conversationId: '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa', vuid: 'vuid-1' };

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a chat that goes on across page changes in one tab', () => {
  it('the next page knows the chat in progress, measures the duration from the real start and counts one chat', () => {
    const storage = tabStorage();
    const product = pageIn(storage);
    product.tag.fire('onChatStarted', START);
    product.tag.fire('onMessageSent', { msg: 'Do you ship to Spain? My email is jane@example.com' });
    const startedAt = Date.now();
    vi.advanceTimersByTime(90_000);

    const cart = pageIn(storage);
    expect(cart.bridge.state.chat).toMatchObject({
      active: true,
      chatId: '4242',
      conversationId: START.conversationId,
      visitorId: 'vuid-1',
      startedAt,
      messagesSent: 1,
    });
    cart.tag.fire('onChatStarted', START); // the tag announces the same chat again on the new page
    expect(cart.events[0]).toMatchObject({ type: 'chat:started', chatId: '4242', resumed: true });
    cart.tag.fire('onMessageReceived', { msg: 'We do!' });
    vi.advanceTimersByTime(30_000);
    cart.tag.fire('onChatEnded', START);

    expect(cart.events.at(-1)).toMatchObject({ type: 'chat:ended', durationMs: 120_000 });
    expect(cart.bridge.state.chat).toMatchObject({ active: false, messagesSent: 1, messagesReceived: 1, firstResponseMs: 90_000 });
    expect(product.chatStartedSent() + cart.chatStartedSent()).toBe(1);
    expect(cart.gtag).toHaveBeenCalledWith('event', 'chat_ended', expect.objectContaining({ chat_duration_sec: 120, chat_id: '4242' }));
  });

  it('stores ids, times and counts, never a message text', () => {
    const storage = tabStorage();
    const { tag } = pageIn(storage);
    tag.fire('onChatStarted', START);
    tag.fire('onMessageSent', { msg: 'my card is 4111 1111 1111 1111' });
    tag.fire('onMessageReceived', { msg: 'Please never send that' });
    const stored = storage.getItem(STORAGE_KEY)!;
    expect((JSON.parse(stored) as { chat: unknown }).chat).toMatchObject({ chatId: '4242', messagesSent: 1, messagesReceived: 1 });
    expect(stored).not.toMatch(/4111|never send/);
  });

  it('on one page too, the same chat announced twice is one chat for the tools', () => {
    const { tag, events, chatStartedSent } = pageIn(tabStorage());
    tag.fire('onChatStarted', START);
    tag.fire('onChatStarted', START);
    expect(events.map((event) => (event as BridgeEvent<'chat:started'>).resumed)).toEqual([false, true]);
    expect(chatStartedSent()).toBe(1);
  });

  it('a different chat after navigation is a new chat, counted', () => {
    const storage = tabStorage();
    pageIn(storage).tag.fire('onChatStarted', START);
    const next = pageIn(storage);
    next.tag.fire('onChatStarted', { ...START, id: 4243 });
    expect(next.events[0]).toMatchObject({ chatId: '4243', resumed: false });
    expect(next.chatStartedSent()).toBe(1);
    expect(next.bridge.state.chat.messagesSent).toBe(0);
  });

  it(`forgets a stored chat nobody heard of for ${STORED_CHAT_TTL_MS / 3_600_000} hours`, () => {
    const storage = tabStorage();
    pageIn(storage).tag.fire('onChatStarted', START);
    vi.advanceTimersByTime(STORED_CHAT_TTL_MS + 1);
    expect(pageIn(storage).bridge.state.chat.active).toBe(false);
  });
});

describe('where the chat record may not be kept', () => {
  it('persist: false keeps everything in memory', () => {
    const storage = tabStorage();
    pageIn(storage, { persist: false }).tag.fire('onChatStarted', START);
    expect(storage.length).toBe(0);
    expect(pageIn(storage, { persist: false }).bridge.state.chat.active).toBe(false);
  });

  it('storage that throws (disabled, sandboxed) or is full: the bridge works in memory, silently', () => {
    const onError = vi.fn();
    const refused = pageIn(
      () => {
        throw new DOMException('denied', 'SecurityError');
      },
      { onError },
    );
    refused.tag.fire('onChatStarted', START);
    expect(refused.bridge.state.chat.active).toBe(true);

    const full = tabStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    full.getItem = () => {
      throw new Error('broken');
    };
    const page = pageIn(full, { onError });
    page.tag.fire('onChatStarted', START);
    page.tag.fire('onChatEnded', START);
    expect(page.events.map((event) => event.type)).toEqual(['chat:started', 'chat:ended']);
    expect(onError).not.toHaveBeenCalled();
  });

  it.each([
    ['not JSON', '{nope'],
    [
      'another version',
      JSON.stringify({
        v: 2,
        savedAt: Date.parse('2026-03-01T10:00:00Z'),
        chat: { active: true, chatId: '1', messagesSent: 0, messagesReceived: 0 },
      }),
    ],
    [
      'wrong types',
      JSON.stringify({
        v: 1,
        savedAt: Date.parse('2026-03-01T10:00:00Z'),
        chat: { active: 'yes', chatId: 1, messagesSent: -1, messagesReceived: 0 },
      }),
    ],
    [
      'a huge id',
      JSON.stringify({
        v: 1,
        savedAt: Date.parse('2026-03-01T10:00:00Z'),
        chat: { active: true, chatId: 'x'.repeat(5000), messagesSent: 0, messagesReceived: 0 },
      }),
    ],
    [
      'a start in the future',
      JSON.stringify({
        v: 1,
        savedAt: Date.parse('2026-03-01T10:00:00Z'),
        chat: { active: true, chatId: '1', startedAt: 9e15, messagesSent: 0, messagesReceived: 0 },
      }),
    ],
    ['an array', '[1,2,3]'],
  ])('storage holding something else (%s) is ignored', (_name, value) => {
    const storage = tabStorage();
    storage.setItem(STORAGE_KEY, value);
    expect(pageIn(storage).bridge.state.chat).toEqual({ active: false, messagesSent: 0, messagesReceived: 0 });
  });

  it('a stored record takes only the known fields, and pollutes nothing', () => {
    const storage = tabStorage();
    storage.setItem(
      STORAGE_KEY,
      `{"v":1,"savedAt":${Date.now()},"__proto__":{"polluted":true},"chat":{"active":true,"chatId":"7","messagesSent":0,"messagesReceived":0,"text":"secret","__proto__":{"polluted":true}}}`,
    );
    const { bridge } = pageIn(storage);
    expect(bridge.state.chat).toEqual({ active: true, chatId: '7', messagesSent: 0, messagesReceived: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
