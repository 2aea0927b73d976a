import { describe, expect, it, vi } from 'vitest';
import { boxedTag, install, webSdk, type BridgeEvent } from '../../../src/index.js';
import { consentStandIn, newWindow } from '../../helpers.js';

const ORIGIN = 'https://chat.shop.example';
type Posted = [data: Record<string, unknown>, targetOrigin: string];

/** A host page, its iframe's window (which records what the host posts to it), and a bridge with boxedTag() and webSdk(). */
function host(options: Partial<Parameters<typeof boxedTag>[0]> = {}) {
  const win = newWindow('https://www.shop.example/cart?coupon=SECRET#x');
  const posted: Posted[] = [];
  const frame = { postMessage: (data: Record<string, unknown>, target: string) => posted.push([structuredClone(data), target]) };
  const iframe = win.document.createElement('iframe');
  iframe.id = 'box';
  Object.defineProperty(iframe, 'contentWindow', { get: () => frame });
  win.document.body.appendChild(iframe);
  const onError = vi.fn();
  const bridge = install({ window: win, onError, plugins: [boxedTag({ iframe: '#box', origin: ORIGIN, ...options }), webSdk()] });
  const events: BridgeEvent[] = [];
  bridge.on('*', (event) => events.push(event as BridgeEvent));
  /** A message as `source` (the iframe by default) at `origin` posts it. */
  const post = (data: unknown, { source = frame, origin = ORIGIN }: { source?: object; origin?: string } = {}) =>
    win.dispatchEvent(
      new (win as unknown as { MessageEvent: typeof MessageEvent }).MessageEvent('message', { data, origin, source } as never),
    );
  const relay = (kind: string, fields: object = {}) => post({ iadvizeBridge: 1, kind, ...fields });
  return { win, bridge, events, posted, post, relay, onError, frame };
}

describe('boxedTag(): callbacks relayed from the iframe', () => {
  it("welcomes the relay, then makes each relayed callback on the host's iAdvizeCallbacks: events, state and the site's function", () => {
    const page = host();
    const site = vi.fn();
    (page.win as unknown as { iAdvizeCallbacks: Record<string, unknown> }).iAdvizeCallbacks.onChatStarted = site;
    expect(page.posted).toEqual([[{ iadvizeBridge: 1, kind: 'welcome' }, ORIGIN]]);
    page.relay('hello', { coordinated: false });
    page.relay('callback', { name: 'onChatStarted', data: { chatId: 42, conversationId: 'c-1' } });
    expect(page.events.map((event) => event.type)).toEqual(['chat:started']);
    expect(page.bridge.state.chat.active).toBe(true);
    expect(site).toHaveBeenCalledOnce();
    expect(page.bridge.boxed).toMatchObject({ connected: true, relayed: 1, ignored: 0 });
  });

  it('ignores, and counts, what is not the relay speaking from that iframe at that origin', () => {
    const page = host();
    const forged = { iadvizeBridge: 1, kind: 'callback', name: 'onChatStarted', data: { chatId: 1 } };
    page.post(forged, { source: {} }); // another frame
    page.post(forged, { origin: 'https://evil.example' });
    page.post({ ...forged, iadvizeBridge: '1' });
    page.post({ command: 'internals', method: 'navigate', args: ['/'], value: undefined }); // boxed-tag's own answer
    page.post({ width: 300, height: 500, right: 0, bottom: 0 }); // boxed-tag's sizing
    expect(page.events).toEqual([]);
    expect(page.bridge.boxed.ignored).toBe(5);
  });

  it('makes only the callbacks iAdvize documents: other names from the relay change nothing', () => {
    const page = host();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'onChatStartedX'])
      page.relay('callback', { name, data: { chatId: 1 } });
    expect(page.events).toEqual([]);
    expect(page.bridge.boxed.relayed).toBe(0);
    expect(page.onError).not.toHaveBeenCalled();
  });
});

describe('boxedTag(): the Web SDK of the tag in the iframe', () => {
  it('holds calls until the relay says hello, then runs them there; get() answers with what the tag gave', async () => {
    const page = host();
    page.bridge.sdk.navigate('/checkout');
    const answer = page.bridge.sdk.get('visitor:cookiesConsent');
    const calls = () => page.posted.filter(([data]) => data.kind === 'call').map(([data]) => [data.sdk, data.args]);
    expect(calls()).toEqual([]);
    page.relay('hello', { coordinated: false });
    expect(calls()).toEqual(
      expect.arrayContaining([
        ['navigate', ['/checkout']],
        ['get', ['visitor:cookiesConsent']],
      ]),
    );
    const get = page.posted.find(([data]) => data.sdk === 'get')![0];
    page.relay('answer', { id: get.id, value: true });
    await expect(answer).resolves.toBe(true);
  });

  it("goes through iAdvize's boxed-tag host script when the page runs it, read at each call", async () => {
    const page = host();
    const pushed: unknown[] = [];
    (page.win as unknown as Record<string, unknown>).iAdvizeBoxedInterface = { push: (call: unknown) => pushed.push(call) };
    page.bridge.sdk.navigate('/x');
    const answer = page.bridge.sdk.get('visitor:cookiesConsent');
    expect(pushed).toEqual(
      expect.arrayContaining([
        { method: 'navigate', args: ['/x'] },
        { method: 'get', args: ['visitor:cookiesConsent'] },
      ]),
    );
    page.post({ command: 'internals', method: 'get', args: ['visitor:cookiesConsent'], value: false });
    await expect(answer).resolves.toBe(false);
  });
});

describe('boxedTag(): an iframe that reloads', () => {
  it('sets the Web SDK listeners again in a relay that starts anew, not in the same relay saying hello twice', () => {
    const page = host();
    const ons = () => page.posted.filter(([data]) => data.sdk === 'on').length;
    page.relay('hello', { coordinated: false, relay: 1 });
    const first = ons();
    expect(first).toBeGreaterThan(0); // webSdk() listens for the consent changes
    page.relay('hello', { coordinated: false, relay: 1 });
    expect(ons()).toBe(first);
    page.relay('hello', { coordinated: false, relay: 2 });
    expect(ons()).toBe(2 * first);
  });
});

describe('boxedTag(): consent', () => {
  it("coordinated: tells the tag in the iframe the visitor's choice, and each change", () => {
    const consent = consentStandIn();
    const page = host({ consent: consent.source, consentMode: 'coordinated' });
    page.relay('hello', { coordinated: true });
    consent.decide('granted');
    consent.decide('denied');
    const sets = page.posted.filter(([data]) => data.sdk === 'set').map(([data]) => data.args);
    expect(sets).toEqual([
      ['visitor:cookiesConsent', true],
      ['visitor:cookiesConsent', false],
    ]);
  });

  it("gate: the iframe's data-src becomes its src once consent is granted, never before", () => {
    const consent = consentStandIn();
    const win = newWindow('https://www.shop.example/');
    const iframe = win.document.createElement('iframe');
    iframe.setAttribute('data-src', `${ORIGIN}/box.html`);
    win.document.body.appendChild(iframe);
    install({ window: win, plugins: [boxedTag({ iframe, origin: ORIGIN, consent: consent.source })] });
    consent.decide('denied');
    expect(iframe.getAttribute('src')).toBeNull();
    consent.decide('granted');
    expect(iframe.getAttribute('src')).toBe(`${ORIGIN}/box.html`);
  });
});

describe('boxedTag(): mistakes said where they are made', () => {
  it.each([
    [{ iframe: '#box', origin: '*' }, /`origin` cannot be '\*'/],
    [{ iframe: '#box', origin: 'https://chat.shop.example/' }, /did you mean 'https:\/\/chat.shop.example'/],
    [{ iframe: '', origin: ORIGIN }, /`iframe` must be the iframe element or a CSS selector/],
    [{ iframe: '#box', origin: ORIGIN, consentMode: 'coordinated' }, /'coordinated' needs `consent`/],
    [{ iframe: '#box', orign: ORIGIN }, /unknown option `orign`/],
  ])('%j', (options, message) => {
    expect(() => boxedTag(options as never)).toThrow(message);
  });
});
