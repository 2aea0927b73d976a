import { afterEach, describe, expect, it, vi } from 'vitest';
import { RELAY_BUFFER, relayToHost } from '../../src/boxed/index.js';
import { createTagSimulator } from '../../src/testing/index.js';
import { newWindow } from '../helpers.js';

const HOST = 'https://www.shop.example';
type Posted = [data: Record<string, unknown>, targetOrigin: string];
type Callbacks = Record<string, (raw?: unknown) => unknown>;

afterEach(() => vi.restoreAllMocks());

/** The iframe's window, with a host page as its parent that records what the relay posts to it. */
function frame() {
  const win = newWindow('https://chat.shop.example/box.html');
  const posted: Posted[] = [];
  const parent = { postMessage: (data: Record<string, unknown>, target: string) => posted.push([structuredClone(data), target]) };
  Object.defineProperty(win, 'parent', { value: parent });
  const post = (data: unknown, { source = parent, origin = HOST }: { source?: object; origin?: string } = {}) =>
    win.dispatchEvent(
      new (win as unknown as { MessageEvent: typeof MessageEvent }).MessageEvent('message', { data, origin, source } as never),
    );
  const fromHost = (kind: string, fields: object = {}) => post({ iadvizeBridge: 1, kind, ...fields });
  const callbacks = () => (win as unknown as { iAdvizeCallbacks: Callbacks }).iAdvizeCallbacks;
  const kinds = () => posted.map(([data]) => data.kind);
  return { win, posted, post, fromHost, callbacks, kinds };
}

describe('relayToHost(): callbacks to the host page', () => {
  it('says hello to the host origin only, holds callbacks until the host answers, then sends them in order', () => {
    const page = frame();
    relayToHost({ hostOrigin: HOST, window: page.win });
    page.callbacks().onChatDisplayed();
    page.callbacks().onChatStarted({ chatId: 42, getFoo: () => 1 });
    expect(page.posted).toEqual([[{ iadvizeBridge: 1, kind: 'hello', coordinated: false, relay: expect.any(Number) as unknown }, HOST]]);
    page.fromHost('welcome');
    expect(page.posted.slice(1)).toEqual([
      [{ iadvizeBridge: 1, kind: 'hello', coordinated: false, relay: expect.any(Number) as unknown }, HOST],
      [{ iadvizeBridge: 1, kind: 'callback', name: 'onChatDisplayed' }, HOST],
      [{ iadvizeBridge: 1, kind: 'callback', name: 'onChatStarted', data: { chatId: 42 } }, HOST],
    ]);
    page.callbacks().onChatEnded({ chatId: 42 });
    expect(page.kinds().slice(-1)).toEqual(['callback']);
  });

  it("keeps the iframe page's own callbacks, and the chain iAdvize documents runs each function once", () => {
    const page = frame();
    const first = vi.fn();
    (page.win as unknown as { iAdvizeCallbacks: object }).iAdvizeCallbacks = { onChatStarted: first };
    relayToHost({ hostOrigin: HOST, window: page.win });
    const second = vi.fn();
    const kept = page.callbacks().onChatStarted;
    page.callbacks().onChatStarted = function (raw) {
      kept(raw);
      second(raw);
    };
    page.fromHost('welcome');
    createTagSimulator({ window: page.win, speed: 0 }).load();
    page.callbacks().onChatStarted({ chatId: 1 });
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
    expect(page.kinds().filter((kind) => kind === 'callback')).toHaveLength(1);
  });

  it(`holds at most ${RELAY_BUFFER} callbacks for a host that does not answer, and says how many it dropped`, () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const page = frame();
    relayToHost({ hostOrigin: HOST, window: page.win });
    for (let i = 0; i < RELAY_BUFFER + 50; i++) page.callbacks().onMessageReceived({ message: 'x' });
    expect(warn).toHaveBeenCalledTimes(1);
    page.fromHost('welcome');
    expect(page.posted[2][0]).toEqual({ iadvizeBridge: 1, kind: 'dropped', count: 50 });
    expect(page.kinds().filter((kind) => kind === 'callback')).toHaveLength(RELAY_BUFFER);
  });

  it('reads only the host: a welcome from another frame or origin sends nothing', () => {
    const page = frame();
    relayToHost({ hostOrigin: HOST, window: page.win });
    page.callbacks().onChatDisplayed();
    page.post({ iadvizeBridge: 1, kind: 'welcome' }, { source: {} });
    page.post({ iadvizeBridge: 1, kind: 'welcome' }, { origin: 'https://evil.example' });
    expect(page.kinds()).toEqual(['hello']);
  });
});

describe("relayToHost(): the host's Web SDK calls", () => {
  it('runs them on the tag in the iframe and answers each; unknown methods are not run', async () => {
    const page = frame();
    relayToHost({ hostOrigin: HOST, window: page.win });
    const tag = createTagSimulator({ window: page.win, speed: 0 });
    tag.load();
    page.fromHost('welcome');
    page.fromHost('call', { id: 1, sdk: 'navigate', args: ['/x'] });
    page.fromHost('call', { id: 2, sdk: 'get', args: ['tag:version'] });
    page.fromHost('call', { id: 3, sdk: 'constructor', args: [] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tag.seen.navigations).toEqual(['/x']);
    expect(page.posted.map(([data]) => data).filter((data) => data.kind === 'answer')).toEqual([
      { iadvizeBridge: 1, kind: 'answer', id: 1 },
      { iadvizeBridge: 1, kind: 'answer', id: 2, value: 'FULL' },
    ]);
  });

  it("coordinated: the tag's config keeps useExplicitCookiesConsent through a later config = { sid, mode }", () => {
    const page = frame();
    relayToHost({ hostOrigin: HOST, window: page.win, consentMode: 'coordinated' });
    const queue = (page.win as unknown as { iAdvizeInterface: { config: unknown } }).iAdvizeInterface;
    queue.config = { sid: 1234, mode: 'sandboxed' };
    expect(queue.config).toEqual({ sid: 1234, mode: 'sandboxed', useExplicitCookiesConsent: true });
    expect(page.posted[0][0]).toMatchObject({ kind: 'hello', coordinated: true });
  });
});

describe('relayToHost(): mistakes said where they are made', () => {
  it.each([
    [{ hostOrigin: '*' }, /`hostOrigin` cannot be '\*'/],
    [{ hostOrigin: 'https://www.shop.example/cart' }, /did you mean 'https:\/\/www.shop.example'/],
    [{ hostOrigin: 'www.shop.example' }, /must be an origin/],
    [{ hostOrigin: HOST, consentMode: 'explicit' }, /`consentMode` must be 'gate' or 'coordinated'/],
    [{ hostorigin: HOST }, /unknown option `hostorigin`/],
  ])('%j', (options, message) => {
    expect(() => relayToHost({ window: frame().win, ...options } as never)).toThrow(message);
  });
});
