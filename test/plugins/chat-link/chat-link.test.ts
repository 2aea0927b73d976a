import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatLink, ga4, install, type ChatLinkOptions } from '../../../src/index.js';
import { LINKED_KEY } from '../../../src/plugins/chat-link/chat-link.js';
import { loadTag, newWindow } from '../../helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const CONVERSATION = '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa';
const START = { id: 4242, conversationId: CONVERSATION, vuid: 'vuid-1' };

/** A page with Google's gtag answering `get` for the client id, and a beacon that records what it sends. */
function shop(options: Partial<ChatLinkOptions> = {}, clientId: unknown = '1234567890.1700000000', win = newWindow()) {
  const gets: unknown[][] = [];
  const gtag = vi.fn((...args: unknown[]) => {
    if (args[0] === 'get') {
      gets.push(args.slice(1, 3));
      (args[3] as (value: unknown) => void)(clientId);
    }
  });
  const beacons: Array<{ url: string; body: Blob }> = [];
  Object.assign(win, { gtag });
  Object.defineProperty(win.navigator, 'sendBeacon', {
    configurable: true,
    value: (url: string, body: Blob) => (beacons.push({ url, body }), true),
  });
  const onError = vi.fn();
  install({
    window: win,
    onError,
    plugins: [chatLink({ endpoint: '/api/iadvize-link', measurementId: 'G-ABC123XYZ', consent: () => true, ...options })],
  });
  return { win, tag: loadTag(win, 'late'), gtag, gets, beacons, onError };
}

describe('chatLink()', () => {
  it('at a chat start, with consent, sends { conversationId, clientId } once, as text/plain, to the site endpoint', async () => {
    const { tag, gets, beacons } = shop();
    tag.fire('onChatStarted', START);
    tag.fire('onChatStarted', START); // the same chat again (resumed)
    expect(gets).toEqual([['G-ABC123XYZ', 'client_id']]);
    expect(beacons).toHaveLength(1);
    expect(beacons[0].url).toBe('https://shop.example/api/iadvize-link');
    expect(beacons[0].body.type).toBe('text/plain;charset=utf-8');
    expect(JSON.parse(await beacons[0].body.text())).toEqual({
      conversationId: CONVERSATION,
      clientId: '1234567890.1700000000',
      consent: { analytics: 'GRANTED' },
    });
  });

  it('once per conversation in the tab: a later page does not send it again', () => {
    const first = shop();
    first.tag.fire('onChatStarted', START);
    const storage = first.win.sessionStorage;
    const next = newWindow('https://shop.example/cart');
    next.sessionStorage.setItem(LINKED_KEY, storage.getItem(LINKED_KEY)!);
    const later = shop({}, '1234567890.1700000000', next);
    later.tag.fire('onChatStarted', START);
    later.tag.fire('onChatStarted', { ...START, id: 4243, conversationId: '5f0c8a52-2a4e-4c1b-9d3e-0000000000bb' });
    expect(first.beacons).toHaveLength(1);
    expect(later.beacons).toHaveLength(1);
  });

  it('without consent nothing is read or sent', () => {
    const { tag, gets, beacons } = shop({ consent: () => false });
    tag.fire('onChatStarted', START);
    expect(gets).toEqual([]);
    expect(beacons).toEqual([]);
  });

  it.each([
    ['no conversation id (a 2017-era tag)', { id: 1 }, '1.2'],
    ['a conversation id that is not a UUID', { id: 1, conversationId: 'jane@example.com' }, '1.2'],
    ["a client id that is not GA4's", START, 'jane@example.com'],
    ['no client id (GA blocked, consent mode)', START, null],
  ])('%s: nothing is sent', (_what, start, clientId) => {
    const { tag, beacons } = shop({}, clientId);
    tag.fire('onChatStarted', start);
    expect(beacons).toEqual([]);
  });

  it('without sendBeacon, or when it refuses, a keepalive fetch carries the same body', () => {
    const win = newWindow();
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    Object.assign(win, { fetch });
    const { tag } = shop({}, '1.2', win);
    Object.defineProperty(win.navigator, 'sendBeacon', { configurable: true, value: () => false });
    tag.fire('onChatStarted', START);
    expect(fetch).toHaveBeenCalledWith(
      'https://shop.example/api/iadvize-link',
      expect.objectContaining({
        method: 'POST',
        keepalive: true,
        body: JSON.stringify({ conversationId: CONVERSATION, clientId: '1.2', consent: { analytics: 'GRANTED' } }),
      }),
    );
  });

  it('an endpoint on another origin over http is an error thrown by install() and use(), not a console line', () => {
    const win = newWindow();
    const plugin = () => chatLink({ endpoint: 'http://tracker.example/link', measurementId: 'G-ABC123XYZ', consent: () => true });
    const message = "iadvize-bridge chatLink(): `endpoint` must be an https: URL or on this page's origin (http://tracker.example/link)";
    expect(() => install({ window: win, plugins: [plugin()] })).toThrow(message);
    const bridge = install({ window: newWindow() });
    expect(() => bridge.use(plugin())).toThrow(message);
    expect((bridge as { chatLink?: unknown }).chatLink).toBeUndefined();
  });

  it.each<[object, RegExp]>([
    [{ endpoint: '', measurementId: 'G-ABC123XYZ', consent: () => true }, /`endpoint`/],
    [{ endpoint: '/l', measurementId: 'UA-1234-1', consent: () => true }, /`measurementId`/],
    [{ endpoint: '/l', measurementId: 'G-ABC123XYZ' }, /`consent` must be a consent source or a function \(\(\) => true for a yes\)/],
    [{ endpoint: '/l', measurementId: 'G-ABC123XYZ', consent: { state: () => 'granted' } }, /`consent` must be a consent source/],
    [{ endpoint: '/l', measurementId: 'G-ABC123XYZ', consent: () => true, adUserData: true }, /`adUserData` must be a consent source/],
    [{ endpoint: '/l', measurementId: 'G-ABC123XYZ', consent: () => true, adPersonalization: 'GRANTED' }, /`adPersonalization` must be/],
  ])('rejects %j with a clear error', (options, message) => {
    expect(() => chatLink(options as never)).toThrow(message);
  });
});

describe('ga4({ chatUserProperty })', () => {
  it('sets the user property just before chat_started, and on later pages of a tab that chatted', () => {
    const win = newWindow();
    const calls: unknown[][] = [];
    Object.assign(win, { gtag: (...args: unknown[]) => calls.push(args) });
    install({ window: win, plugins: [ga4({ chatUserProperty: true })] });
    loadTag(win, 'late').fire('onChatStarted', START);
    expect(calls).toEqual([
      ['set', 'user_properties', { iadvize_chat: 'engaged' }],
      ['event', 'chat_started', { chat_channel: 'chat' }],
    ]);
    const next = newWindow('https://shop.example/checkout');
    next.sessionStorage.setItem('iadvize-bridge:chat', win.sessionStorage.getItem('iadvize-bridge:chat')!);
    const later: unknown[][] = [];
    Object.assign(next, { gtag: (...args: unknown[]) => later.push(args) });
    install({ window: next, plugins: [ga4({ chatUserProperty: 'chatted' })] });
    expect(later).toEqual([['set', 'user_properties', { chatted: 'engaged' }]]);
  });

  it.each(['', 'ga_chat', 'user_id', '1chat', 'a'.repeat(25)])('rejects the user property name %j', (name) => {
    expect(() => ga4({ chatUserProperty: name })).toThrow(/`chatUserProperty`/);
  });
});
