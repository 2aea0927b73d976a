import { afterEach, describe, expect, it, vi } from 'vitest';
import { install, webSdk, type BridgeEvent } from '../../../src/index.js';
import { createTagSimulator } from '../../../src/testing/index.js';
import { newWindow } from '../../helpers.js';

/** The shipped simulator as the tag, loaded now; `calls` are the Web SDK calls it received, but its own listeners. */
function loadSdk(win: Window, payloads?: '2022') {
  const tag = createTagSimulator({ window: win, payloads, speed: 0 });
  tag.load();
  return Object.assign(tag, { calls: () => tag.seen.sdkCalls.filter(([method]) => method !== 'on' && method !== 'off') });
}

afterEach(() => {
  vi.useRealTimers();
});

function setup(url = 'https://shop.example/') {
  const win = newWindow(url);
  const onError = vi.fn();
  const bridge = install({ window: win, onError, plugins: [webSdk()] });
  const events: BridgeEvent[] = [];
  bridge.on('*', (e) => events.push(e as BridgeEvent));
  return { win, bridge, events, onError };
}

describe('bridge.sdk before and after the tag loads', () => {
  it('queues calls made before the tag and runs them once it loads, in order, exactly once', () => {
    const { win, bridge } = setup();
    bridge.sdk.setConsent({ cookies: true, gdpr: false });
    bridge.sdk.recordTransaction({ id: 'order-1', amount: 49.95 });
    bridge.sdk.navigate('/checkout');
    const tag = loadSdk(win);
    bridge.sdk.navigate();
    expect(tag.calls()).toEqual([
      ['set', 'visitor:cookiesConsent', true],
      ['set', 'visitor:GDPRConsent', false],
      ['recordTransaction', { id: 'order-1', amount: 49.95 }],
      ['navigate', '/checkout'],
      ['navigate', '/'],
    ]);
    expect(tag.seen.transactions).toHaveLength(1);
  });

  it('installs after the tag loaded: queued calls run at once, consent events arrive', () => {
    const win = newWindow();
    const tag = loadSdk(win);
    const bridge = install({ window: win, plugins: [webSdk()] });
    const events: BridgeEvent[] = [];
    bridge.on('*', (e) => events.push(e as BridgeEvent));
    bridge.sdk.navigate('/now');
    tag.sdk.fire('visitor:GDPRConsentChange', 'true');
    expect(tag.seen.navigations).toEqual(['/now']);
    expect(events.map((e) => e.type)).toEqual(['consent:changed']);
  });

  it("reuses the site's iAdvizeInterface array and its config, never replacing it", () => {
    const win = newWindow();
    const queue = Object.assign([] as unknown[], { config: { sid: 1234, lang: 'fr' } });
    (win as unknown as { iAdvizeInterface: unknown }).iAdvizeInterface = queue;
    const bridge = install({ window: win, plugins: [webSdk()] });
    bridge.sdk.navigate('/a');
    expect((win as unknown as { iAdvizeInterface: unknown }).iAdvizeInterface).toBe(queue);
    const tag = loadSdk(win);
    expect(tag.seen.config).toEqual({ sid: 1234, lang: 'fr' });
    expect(tag.seen.navigations).toEqual(['/a']);
  });

  it.each([undefined, '2022'] as const)(
    'get() resolves typed values once the tag answers; consents become booleans or null (payloads %s)',
    async (payloads) => {
      const { win, bridge } = setup();
      const version = bridge.sdk.get('tag:version');
      const cookies = bridge.sdk.get('visitor:cookiesConsent');
      const tag = loadSdk(win, payloads);
      await expect(version).resolves.toBe('FULL');
      await expect(cookies).resolves.toBeNull();
      tag.sdk.set('visitor:GDPRConsent', true);
      await expect(bridge.sdk.get('visitor:GDPRConsent')).resolves.toBe(true);
    },
  );

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
    const tag = loadSdk(win);
    expect(() => bridge.sdk.recordTransaction(transaction as never)).toThrow(message);
    expect(tag.seen.transactions).toEqual([]);
  });

  it('accepts a free transaction (amount 0)', () => {
    const { win, bridge } = setup();
    const tag = loadSdk(win);
    bridge.sdk.recordTransaction({ id: 'gift', amount: 0 });
    expect(tag.seen.transactions).toEqual([{ id: 'gift', amount: 0 }]);
  });

  it('rejects unknown properties and bad consents at the call', () => {
    const { bridge } = setup();
    expect(() => bridge.sdk.get('visitor:email' as never)).toThrow(/unknown property "visitor:email"/);
    expect(() => bridge.sdk.setConsent({})).toThrow(/needs `cookies` and\/or `gdpr`/);
    expect(() => bridge.sdk.setConsent({ cookies: 'yes' as never })).toThrow(/`cookies` must be true or false/);
    expect(() => bridge.sdk.setConsent({ marketing: true } as never)).toThrow(/unknown consent "marketing"/);
    expect(() => bridge.sdk.navigate(42 as never)).toThrow(/takes a string/);
    expect(() => bridge.sdk.activate('token' as never)).toThrow(/activate\(provider\) takes a function/);
    expect(() => webSdk({ followNavigation: 'yes' as never })).toThrow(/`followNavigation` must be true or false/);
  });

  it('a tag method that throws is reported, never thrown into the tag', () => {
    const { win, bridge, onError } = setup();
    loadSdk(win);
    const queue = (win as unknown as { iAdvizeInterface: { push: (fn: (sdk: object) => void) => void } }).iAdvizeInterface;
    const broken = new Error('navigate broke');
    queue.push = (fn) =>
      fn({
        navigate: () => {
          throw broken;
        },
      });
    expect(() => bridge.sdk.navigate('/x')).not.toThrow();
    expect(onError).toHaveBeenCalledWith(broken, { source: 'plugin', type: 'navigate', plugin: 'webSdk' });
  });
});

describe('consent:changed', () => {
  it('joins the event stream from both spellings, once per change', () => {
    const { win, events } = setup();
    const tag = loadSdk(win);
    tag.sdk.fire('visitor:cookiesConsentChange', 'true');
    tag.sdk.fire('visitor:cookiesConsentChanged', true); // the same change, other spelling
    tag.sdk.fire('visitor:GDPRConsentChanged', false);
    tag.sdk.fire('visitor:GDPRConsentChange', 'unknown');
    expect(
      events.map(({ type, kind, value, raw }: Partial<Record<'type' | 'kind' | 'value' | 'raw', unknown>>) => ({ type, kind, value, raw })),
    ).toEqual([
      { type: 'consent:changed', kind: 'cookies', value: true, raw: 'true' },
      { type: 'consent:changed', kind: 'gdpr', value: false, raw: false },
      { type: 'consent:changed', kind: 'gdpr', value: null, raw: 'unknown' },
    ]);
  });

  it('destroy() removes the listeners from the tag', () => {
    const { win, bridge } = setup();
    const tag = loadSdk(win);
    expect(tag.sdk.listenerCount()).toBe(4);
    bridge.destroy();
    expect(tag.sdk.listenerCount()).toBe(0);
  });
});

describe('authenticated mode: activate, logout', () => {
  it('activate() before the tag loads gives the identity once it does, and resolves with its answer', async () => {
    const { win, bridge } = setup();
    const answer = bridge.sdk.activate(async () => ({ authenticationOption: { type: 'SECURED_AUTHENTICATION', token: 'jwe-token' } }));
    const tag = loadSdk(win);
    await expect(answer).resolves.toEqual({
      authentication: { option: { type: 'SECURED_AUTHENTICATION', token: 'jwe-token' }, status: 'authentication-success' },
    });
    await expect(
      bridge.sdk.activate(() => ({ authenticationOption: { type: 'SECURED_AUTHENTICATION', token: '' } })),
    ).resolves.toMatchObject({
      authentication: { status: 'authentication-failure' },
    });
    await bridge.sdk.logout();
    expect(tag.seen.logouts).toBe(1);
    bridge.sdk.help();
    expect(tag.calls().map(([method]) => method)).toEqual(['activate', 'activate', 'logout', 'help']);
  });

  it('a provider that rejects rejects activate(), and nothing reaches the page', async () => {
    const { win, bridge, onError } = setup();
    loadSdk(win);
    await expect(bridge.sdk.activate(() => Promise.reject(new Error('no session')))).rejects.toThrow('no session');
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('destroy()', () => {
  it('releases pending get() and activate() and takes back what the tag has not run', async () => {
    vi.useFakeTimers();
    const { win, bridge } = setup();
    bridge.sdk.navigate('/cart');
    const answer = bridge.sdk.get('tag:version');
    const activation = bridge.sdk.activate(() => ({ authenticationOption: { type: 'ANONYMOUS' } }));
    const queue = (win as unknown as { iAdvizeInterface: unknown[] }).iAdvizeInterface;
    expect(queue.length).toBeGreaterThan(0);
    bridge.destroy();
    await expect(answer).rejects.toThrow(/destroyed before the tag answered get\('tag:version'\)/);
    await expect(activation).rejects.toThrow(/destroyed before the tag answered activate/);
    expect(queue).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('install/destroy cycles leave nothing behind in the Web SDK queue', () => {
    const win = newWindow();
    for (let i = 0; i < 100; i++) install({ window: win, plugins: [webSdk({ followNavigation: true })] }).destroy();
    expect((win as unknown as { iAdvizeInterface: unknown[] }).iAdvizeInterface).toEqual([]);
  });
});

describe('followNavigation', () => {
  function spa(options: { follow: 'install' | 'method' }) {
    const win = newWindow('https://shop.example/');
    const bridge = install({ window: win, plugins: [webSdk({ followNavigation: options.follow === 'install' })] });
    const stop = options.follow === 'method' ? bridge.sdk.followNavigation() : () => bridge.destroy();
    const tag = loadSdk(win);
    const navigations = () => tag.seen.navigations;
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
    const stop = install({ window: win, plugins: [webSdk()] }).sdk.followNavigation();
    expect(win.history.pushState).not.toBe(before);
    stop();
    expect(win.history.pushState).toBe(before);
  });

  it('chains with a router that patches after us, and stop leaves its chain intact', () => {
    const win = newWindow('https://shop.example/');
    const bridge = install({ window: win, plugins: [webSdk()] });
    const stop = bridge.sdk.followNavigation();
    const tag = loadSdk(win);
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
    expect(tag.seen.navigations).toEqual(['/x']);
    expect(win.location.pathname).toBe('/y');
  });

  it('install() says where followNavigation went', () => {
    expect(() => install({ window: newWindow(), followNavigation: true } as never)).toThrow(
      /unknown option `followNavigation`.*webSdk\(\{ followNavigation \}\)/,
    );
  });
});
