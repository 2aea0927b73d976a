import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { relayToHost } from '../../src/boxed/index.js';
import { boxedTag, install, webSdk } from '../../src/index.js';
import { loadTag } from '../helpers.js';
import { CHAT, HOST, flush, twoPages } from '../plugins/boxed-tag/two-pages.js';

/** The iframe half of the boxed tag under attack: who it obeys, what it keeps doing after destroy(), the page it runs in. */
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** A message to the iframe page from a frame that is not its parent, on the host's origin. */
function fromSibling(frame: Window, data: unknown): void {
  const win = frame as Window & { MessageEvent: typeof MessageEvent };
  frame.dispatchEvent(new win.MessageEvent('message', { data, origin: HOST, source: { postMessage() {} } as unknown as Window }));
}

describe('who the relay obeys (pins)', () => {
  it("a sibling frame on the host's origin can neither run a Web SDK call nor make the relay flush its buffer", async () => {
    const pages = twoPages();
    const relay = relayToHost({ hostOrigin: HOST, window: pages.frame });
    const tag = loadTag(pages.frame);
    tag.startChat();
    fromSibling(pages.frame, { iadvizeBridge: 1, kind: 'welcome' });
    fromSibling(pages.frame, { iadvizeBridge: 1, kind: 'call', id: 1, method: 'logout', args: [] });
    fromSibling(pages.frame, { iadvizeBridge: 1, kind: 'call', id: 2, method: 'constructor', args: [] });
    await flush();
    expect(relay.connected).toBe(false);
    expect(tag.seen.logouts).toBe(0);
    expect(pages.toHost.filter((sent) => (sent as { kind?: string }).kind === 'callback')).toEqual([]);
  });

  it('a relay told the wrong host origin delivers nothing to the host', async () => {
    const pages = twoPages();
    relayToHost({ hostOrigin: 'https://shop.example', window: pages.frame });
    const tag = loadTag(pages.frame);
    const bridge = install({ window: pages.host, plugins: [boxedTag({ iframe: '#box', origin: CHAT })] });
    await flush();
    tag.startChat();
    await flush();
    expect(bridge.state.chat.active).toBe(false);
    expect(bridge.boxed.relayed).toBe(0);
  });

  it('callback data with a getter that throws and a function is relayed without throwing into the tag', async () => {
    const pages = twoPages();
    relayToHost({ hostOrigin: HOST, window: pages.frame });
    const callbacks = (pages.frame as unknown as { iAdvizeCallbacks: Record<string, (raw: unknown) => unknown> }).iAdvizeCallbacks;
    const hostile = {
      chatId: 'c1',
      get boom(): never {
        throw new Error('getter');
      },
      reply: () => 'no',
    };
    expect(() => callbacks.onChatStarted(hostile)).not.toThrow();
  });
});

describe('relay.destroy()', () => {
  it("stops what the relay posts: the tag's later Web SDK events no longer reach the host", async () => {
    const pages = twoPages();
    const relay = relayToHost({ hostOrigin: HOST, window: pages.frame });
    const tag = loadTag(pages.frame);
    const bridge = install({ window: pages.host, plugins: [boxedTag({ iframe: '#box', origin: CHAT }), webSdk()] });
    await flush();
    const changes: unknown[] = [];
    bridge.on('consent:changed', (event) => changes.push(event.value));
    tag.sdk.set('visitor:cookiesConsent', true);
    await flush();
    relay.destroy();
    const posted = pages.toHost.length;
    tag.sdk.set('visitor:cookiesConsent', false);
    await flush();
    expect(changes).toEqual([true]);
    expect(pages.toHost.slice(posted)).toEqual([]);
  });
});

describe('coordinated consent in the iframe page', () => {
  it("a config the page freezes is not made to throw into the page's own script; that the flag could not be set is said", () => {
    const pages = twoPages();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    relayToHost({ hostOrigin: HOST, window: pages.frame, consentMode: 'coordinated' });
    const queue = (pages.frame as unknown as { iAdvizeInterface: { config?: unknown } }).iAdvizeInterface;
    // The iframe page's own snippet, after the relay: a frozen config object.
    expect(() => (queue.config = Object.freeze({ sid: 1234, mode: 'sandboxed' }))).not.toThrow();
    expect(error.mock.calls.map(String).join()).toMatch(/useExplicitCookiesConsent/);
  });

  it('a page that replaces window.iAdvizeInterface after the relay keeps useExplicitCookiesConsent, or is told', () => {
    const pages = twoPages();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    relayToHost({ hostOrigin: HOST, window: pages.frame, consentMode: 'coordinated' });
    const frame = pages.frame as unknown as { iAdvizeInterface: { config?: Record<string, unknown> } };
    frame.iAdvizeInterface = Object.assign([], { config: { sid: 1234, mode: 'sandboxed' } });
    const kept = frame.iAdvizeInterface.config?.useExplicitCookiesConsent === true;
    expect(kept || /useExplicitCookiesConsent/.test(error.mock.calls.map(String).join())).toBe(true);
  });
});
