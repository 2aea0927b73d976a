import { afterEach, describe, expect, it, vi } from 'vitest';
import { install, type BridgeEvent } from '../src/index.js';
import { loadFakeWebSdk } from './fake-tag.js';
import { newWindow } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

function setup(url = 'https://shop.example/') {
  const win = newWindow(url);
  const onError = vi.fn();
  const bridge = install({ window: win, onError });
  const events: BridgeEvent[] = [];
  bridge.on('*', (e) => events.push(e));
  return { win, bridge, events, onError };
}

describe('bridge.sdk before and after the tag loads', () => {
  it('queues calls made before the tag and runs them once it loads, in order, exactly once', () => {
    const { win, bridge } = setup();
    bridge.sdk.setConsent({ cookies: true, gdpr: false });
    bridge.sdk.recordTransaction({ id: 'order-1', amount: 49.95 });
    bridge.sdk.navigate('/checkout');
    const tag = loadFakeWebSdk(win);
    bridge.sdk.navigate();
    expect(tag.calls.filter(([method]) => method !== 'on')).toEqual([
      ['set', 'visitor:cookiesConsent', true],
      ['set', 'visitor:GDPRConsent', false],
      ['recordTransaction', { id: 'order-1', amount: 49.95 }],
      ['navigate', '/checkout'],
      ['navigate', '/'],
    ]);
    expect(tag.calls.filter(([method]) => method === 'recordTransaction')).toHaveLength(1);
  });

  it('installs after the tag loaded: queued calls run at once, consent events arrive', () => {
    const win = newWindow();
    const tag = loadFakeWebSdk(win);
    const bridge = install({ window: win });
    const events: BridgeEvent[] = [];
    bridge.on('*', (e) => events.push(e));
    bridge.sdk.navigate('/now');
    tag.emit('visitor:GDPRConsentChange', 'true');
    expect(tag.calls).toContainEqual(['navigate', '/now']);
    expect(events.map((e) => e.type)).toEqual(['consent:changed']);
  });

  it("reuses the site's iAdvizeInterface array and its config, never replacing it", () => {
    const win = newWindow();
    const queue = Object.assign([] as unknown[], { config: { sid: 1234, lang: 'fr' } });
    (win as unknown as { iAdvizeInterface: unknown }).iAdvizeInterface = queue;
    const bridge = install({ window: win });
    bridge.sdk.navigate('/a');
    expect((win as unknown as { iAdvizeInterface: unknown }).iAdvizeInterface).toBe(queue);
    const tag = loadFakeWebSdk(win);
    expect(tag.config).toEqual({ sid: 1234, lang: 'fr' });
    expect(tag.calls).toContainEqual(['navigate', '/a']);
  });

  it('get() resolves typed values once the tag answers; consents become booleans or null', async () => {
    const { win, bridge } = setup();
    const version = bridge.sdk.get('tag:version');
    const cookies = bridge.sdk.get('visitor:cookiesConsent');
    loadFakeWebSdk(win, { 'tag:version': 'FULL', 'visitor:cookiesConsent': 'true', 'visitor:GDPRConsent': 'unknown' });
    await expect(version).resolves.toBe('FULL');
    await expect(cookies).resolves.toBe(true);
    await expect(bridge.sdk.get('visitor:GDPRConsent')).resolves.toBeNull();
  });

  it('get() rejects with a clear error when the tag never answers', async () => {
    vi.useFakeTimers();
    const { bridge } = setup();
    const pending = bridge.sdk.get('tag:version', { timeoutMs: 500 });
    vi.advanceTimersByTime(600);
    await expect(pending).rejects.toThrow(/did not answer get\('tag:version'\) within 500 ms/);
  });
});

describe('bad input', () => {
  it.each([
    [{ id: '', amount: 10 }, /non-empty string `id`/],
    [{ id: '  ', amount: 10 }, /non-empty string `id`/],
    [{ id: 42, amount: 10 }, /non-empty string `id`/],
    [{ id: 'a', amount: -1 }, /finite `amount` >= 0/],
    [{ id: 'a', amount: Infinity }, /finite `amount` >= 0/],
    [{ id: 'a', amount: '10' }, /finite `amount` >= 0/],
    [null, /non-empty string `id`/],
  ])('recordTransaction(%j) is a clear error and records nothing', (transaction, message) => {
    const { win, bridge } = setup();
    const tag = loadFakeWebSdk(win);
    expect(() => bridge.sdk.recordTransaction(transaction as never)).toThrow(message);
    expect(tag.calls.filter(([method]) => method === 'recordTransaction')).toEqual([]);
  });

  it('accepts a free transaction (amount 0)', () => {
    const { win, bridge } = setup();
    const tag = loadFakeWebSdk(win);
    bridge.sdk.recordTransaction({ id: 'gift', amount: 0 });
    expect(tag.calls).toContainEqual(['recordTransaction', { id: 'gift', amount: 0 }]);
  });

  it('rejects unknown properties and bad consents at the call', () => {
    const { bridge } = setup();
    expect(() => bridge.sdk.get('visitor:email' as never)).toThrow(/unknown property "visitor:email"/);
    expect(() => bridge.sdk.setConsent({})).toThrow(/needs `cookies` and\/or `gdpr`/);
    expect(() => bridge.sdk.setConsent({ cookies: 'yes' as never })).toThrow(/`cookies` must be true or false/);
    expect(() => bridge.sdk.setConsent({ marketing: true } as never)).toThrow(/unknown consent "marketing"/);
    expect(() => bridge.sdk.navigate(42 as never)).toThrow(/takes a string/);
  });

  it('a tag method that throws is reported, never thrown into the tag', () => {
    const { win, bridge, onError } = setup();
    loadFakeWebSdk(win);
    const queue = (win as unknown as { iAdvizeInterface: { push: (fn: (sdk: object) => void) => void } }).iAdvizeInterface;
    const broken = new Error('navigate broke');
    queue.push = (fn) => fn({ navigate: () => { throw broken; } });
    expect(() => bridge.sdk.navigate('/x')).not.toThrow();
    expect(onError).toHaveBeenCalledWith(broken, { source: 'sdk', type: 'navigate' });
  });
});

describe('consent:changed', () => {
  it('joins the event stream from both spellings, once per change', () => {
    const { win, events } = setup();
    const tag = loadFakeWebSdk(win);
    tag.emit('visitor:cookiesConsentChange', 'true');
    tag.emit('visitor:cookiesConsentChanged', true); // the same change, other spelling
    tag.emit('visitor:GDPRConsentChanged', false);
    tag.emit('visitor:GDPRConsentChange', 'unknown');
    expect(events.map(({ type, kind, value, raw }: any) => ({ type, kind, value, raw }))).toEqual([
      { type: 'consent:changed', kind: 'cookies', value: true, raw: 'true' },
      { type: 'consent:changed', kind: 'gdpr', value: false, raw: false },
      { type: 'consent:changed', kind: 'gdpr', value: null, raw: 'unknown' },
    ]);
  });

  it('destroy() removes the listeners from the tag', () => {
    const { win, bridge } = setup();
    const tag = loadFakeWebSdk(win);
    expect(tag.listenerCount()).toBe(4);
    bridge.destroy();
    expect(tag.listenerCount()).toBe(0);
  });
});

describe('followNavigation', () => {
  function spa(options: { follow: 'install' | 'method' }) {
    const win = newWindow('https://shop.example/');
    const bridge = install({ window: win, followNavigation: options.follow === 'install' });
    const stop = options.follow === 'method' ? bridge.sdk.followNavigation() : () => bridge.destroy();
    const tag = loadFakeWebSdk(win);
    const navigations = () => tag.calls.filter(([method]) => method === 'navigate').map(([, screen]) => screen);
    return { win, bridge, stop, navigations };
  }

  it.each(['install', 'method'] as const)('calls navigate once per distinct URL (%s)', (follow) => {
    const { win, navigations } = spa({ follow });
    win.history.pushState({}, '', '/products');
    win.history.pushState({}, '', '/products'); // same URL
    win.history.replaceState({}, '', '/products#reviews'); // hash only
    win.history.pushState({}, '', '/products?color=red');
    win.history.replaceState({}, '', '/cart');
    expect(navigations()).toEqual(['/products', '/products?color=red', '/cart']);
  });

  it('follows the back button (popstate)', () => {
    const { win, navigations } = spa({ follow: 'method' });
    win.history.pushState({}, '', '/a');
    win.history.pushState({}, '', '/b');
    // happy-dom moves the URL on back(); a real browser also fires popstate, which Chromium e2e covers.
    win.history.replaceState({}, '', '/a');
    win.dispatchEvent(new (win as unknown as typeof globalThis).PopStateEvent('popstate'));
    expect(navigations()).toEqual(['/a', '/b', '/a']);
  });

  it('stop restores the browser methods when nobody patched after us', () => {
    const win = newWindow();
    const before = win.history.pushState;
    const stop = install({ window: win }).sdk.followNavigation();
    expect(win.history.pushState).not.toBe(before);
    stop();
    expect(win.history.pushState).toBe(before);
  });

  it('chains with a router that patches after us, and stop leaves its chain intact', () => {
    const win = newWindow('https://shop.example/');
    const bridge = install({ window: win });
    const stop = bridge.sdk.followNavigation();
    const tag = loadFakeWebSdk(win);
    // A router patches after us; it must keep working, and so must we while following.
    const routerSaw: string[] = [];
    const ours = win.history.pushState;
    win.history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
      routerSaw.push(String(args[2]));
      return ours.apply(this, args);
    };
    win.history.pushState({}, '', '/x');
    stop();
    win.history.pushState({}, '', '/y');
    expect(routerSaw).toEqual(['/x', '/y']);
    expect(tag.calls.filter(([m]) => m === 'navigate')).toEqual([['navigate', '/x']]);
    expect(win.location.pathname).toBe('/y');
  });

  it('rejects a non-boolean followNavigation option', () => {
    expect(() => install({ window: newWindow(), followNavigation: 'yes' as never })).toThrow(/followNavigation/);
  });
});
