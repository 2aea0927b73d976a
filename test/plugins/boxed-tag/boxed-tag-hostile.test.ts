import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { relayToHost } from '../../../src/boxed/index.js';
import { boxedTag, install, webSdk, type BridgeEvent, type Sdk } from '../../../src/index.js';
import { consentStandIn, loadTag } from '../../helpers.js';
import { CHAT, HOST, flush, twoPages } from './two-pages.js';

/**
 * The host half of the boxed tag under attack: forged and hostile messages, the iframe reloaded, the
 * bridge reinstalled, consent, the host's Web SDK queue taken over, and what the iframe learns.
 * Each `it` names the behaviour it expects; those that fail on the code as written are findings.
 */
const boxed = (extra: Partial<Parameters<typeof boxedTag>[0]> = {}) => boxedTag({ iframe: '#box', origin: CHAT, ...extra });

type Level = 'info' | 'warn' | 'error';
let logged: Record<Level, string[]>;
beforeEach(() => {
  logged = { info: [], warn: [], error: [] };
  for (const level of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation((first: unknown) => void logged[level].push(String(first)));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});
const said = (level: Level): string => logged[level].join('\n');

/** The two pages with the relay and the simulator in the iframe, the bridge on the host. */
async function connected(plugins = [boxed(), webSdk()] as const) {
  const pages = twoPages();
  const relay = relayToHost({ hostOrigin: HOST, window: pages.frame });
  const tag = loadTag(pages.frame);
  const bridge = install({ window: pages.host, plugins });
  const events: BridgeEvent[] = [];
  bridge.on('*', (event) => events.push(event as BridgeEvent));
  await flush();
  return { pages, relay, tag, bridge, events };
}

describe('forged and hostile messages (pins: these hold today)', () => {
  it('a third frame on the right origin posting relay callbacks changes nothing, and is counted', async () => {
    const { pages, bridge, events } = await connected();
    pages.forge({ iadvizeBridge: 1, kind: 'callback', name: 'onChatStarted', data: { chatId: 'forged' } });
    pages.forge({ iadvizeBridge: 1, kind: 'hello', coordinated: true });
    await flush();
    expect(bridge.state.chat.active).toBe(false);
    expect(events.map((event) => event.type)).not.toContain('chat:started');
    expect(bridge.boxed.ignored).toBe(2);
  });

  it('the iframe itself on another origin (navigated away) is not heard', async () => {
    const { pages, bridge } = await connected();
    pages.fromFrame({ iadvizeBridge: 1, kind: 'callback', name: 'onChatStarted', data: {} }, 'https://ads.example');
    await flush();
    expect(bridge.state.chat.active).toBe(false);
  });

  it('callback names from Object.prototype are not called, and nothing is thrown into the page', async () => {
    const { pages, bridge } = await connected();
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).length;
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__'])
      pages.fromFrame({ iadvizeBridge: 1, kind: 'callback', name, data: { polluted: true } });
    pages.fromFrame({ iadvizeBridge: 1, kind: 'callback', name: 'onChatStarted', data: { __proto__: { polluted: true } } });
    await flush();
    expect(bridge.boxed.relayed).toBe(1);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(protoBefore);
  });

  it('answers for calls never made settle nothing; a provide for an activate never asked runs no provider', async () => {
    const { pages, bridge } = await connected();
    const provider = vi.fn(() => ({ authenticationOption: { type: 'ANONYMOUS' as const } }));
    for (const id of [0, 1, 2, 99, '1', null]) {
      pages.fromFrame({ iadvizeBridge: 1, kind: 'answer', id, value: 'forged' });
      pages.fromFrame({ iadvizeBridge: 1, kind: 'provide', id });
    }
    await flush();
    const activation = bridge.sdk.activate(provider);
    await flush();
    expect(provider).toHaveBeenCalledTimes(1);
    void activation.catch(() => {});
  });

  it('an origin with a path or a trailing slash is refused where it is written, with the fix', () => {
    expect(() => boxedTag({ iframe: '#box', origin: `${CHAT}/` })).toThrow(`did you mean '${CHAT}'?`);
    expect(() => boxedTag({ iframe: '#box', origin: `${CHAT}/box.html` })).toThrow(`did you mean '${CHAT}'?`);
    expect(() => boxedTag({ iframe: '#box', origin: '*' })).toThrow(/cannot be '\*'/);
  });
});

describe("the host's Web SDK queue (pins)", () => {
  it.each(['webSdk() before boxedTag()', 'webSdk() after boxedTag()', 'webSdk() added later with bridge.use()'] as const)(
    "with %s, the tag's consent changes reach the host's stream and sdk.get() answers",
    async (order) => {
      const pages = twoPages();
      relayToHost({ hostOrigin: HOST, window: pages.frame });
      const tag = loadTag(pages.frame);
      const sdkPlugin = webSdk();
      const plugins =
        order === 'webSdk() before boxedTag()'
          ? [sdkPlugin, boxed()]
          : order === 'webSdk() after boxedTag()'
            ? [boxed(), sdkPlugin]
            : [boxed()];
      const installed = install({ window: pages.host, plugins });
      const { sdk } = (order === 'webSdk() added later with bridge.use()' ? installed.use(sdkPlugin) : installed) as unknown as {
        sdk: Sdk;
      };
      const changes: unknown[] = [];
      installed.on('consent:changed' as never, (event: { value: unknown }) => void changes.push(event.value));
      await flush();
      tag.sdk.set('visitor:cookiesConsent', true);
      await flush();
      expect(changes).toEqual([true]);
      expect(await sdk.get('visitor:cookiesConsent')).toBe(true);
    },
  );
});

describe('the iframe replaced or reloaded, the bridge reinstalled', () => {
  it('a host bridge destroyed and installed again (SPA remount, React StrictMode) reconnects to the same relay', async () => {
    const { pages, tag, bridge } = await connected();
    expect(bridge.boxed.connected).toBe(true);
    bridge.destroy();
    const again = install({ window: pages.host, plugins: [boxed(), webSdk()] });
    await flush();
    again.sdk.navigate('/after-remount');
    await flush();
    expect(again.boxed.connected).toBe(true);
    expect(tag.seen.navigations).toContain('/after-remount');
  });

  it('coordinated consent reaches the tag of a reloaded iframe too (else it waits, cookieless, forever)', async () => {
    const { source } = consentStandIn('granted');
    const pages = twoPages();
    relayToHost({ hostOrigin: HOST, window: pages.frame, consentMode: 'coordinated' });
    const first = loadTag(pages.frame);
    install({ window: pages.host, plugins: [boxed({ consent: source, consentMode: 'coordinated' })] });
    await flush();
    expect(first.seen.sets).toContainEqual(['visitor:cookiesConsent', true]);
    const frame = pages.reload();
    relayToHost({ hostOrigin: HOST, window: frame, consentMode: 'coordinated' });
    const second = loadTag(frame);
    await flush();
    expect(second.seen.sets).toContainEqual(['visitor:cookiesConsent', true]);
  });

  it("webSdk's consent listeners hear the tag of a reloaded iframe", async () => {
    const { pages, bridge } = await connected();
    const changes: unknown[] = [];
    bridge.on('consent:changed', (event) => changes.push(event.value));
    const frame = pages.reload();
    relayToHost({ hostOrigin: HOST, window: frame });
    const second = loadTag(frame);
    await flush();
    second.sdk.set('visitor:cookiesConsent', true);
    await flush();
    expect(changes).toEqual([true]);
  });

  it('a get() waiting on an iframe that reloads is rejected, not left pending', async () => {
    const pages = twoPages();
    const bridge = install({ window: pages.host, plugins: [boxed(), webSdk()] });
    // A relay that says hello and never answers: the page unloads before it can.
    pages.fromFrame({ iadvizeBridge: 1, kind: 'hello', coordinated: false, relay: 1 });
    await flush();
    let outcome = 'pending';
    bridge.sdk.get('tag:version', { timeoutMs: 60_000 }).then(
      () => (outcome = 'resolved'),
      () => (outcome = 'rejected'),
    );
    await flush();
    pages.reload();
    // The new page's relay, under a name of its own.
    pages.fromFrame({ iadvizeBridge: 1, kind: 'hello', coordinated: false, relay: 2 });
    await flush();
    expect(outcome).toBe('rejected');
  });
});

describe('calls that wait: timeouts and destroy()', () => {
  it("bridge.destroy() lets go of the Web SDK listeners it holds in the iframe: the tag's later events post nothing", async () => {
    const { pages, tag, bridge } = await connected();
    bridge.destroy();
    await flush();
    const posted = pages.toHost.length;
    tag.sdk.set('visitor:cookiesConsent', true);
    await flush();
    expect(pages.toHost.slice(posted)).toEqual([]);
  });

  it('bridge.sdk.get() with no relay in the iframe rejects after its timeoutMs, as with a tag in the page', async () => {
    vi.useFakeTimers();
    const pages = twoPages();
    const bridge = install({ window: pages.host, plugins: [boxed(), webSdk()] });
    let outcome = 'pending';
    bridge.sdk.get('tag:version', { timeoutMs: 500 }).then(
      () => (outcome = 'resolved'),
      (error: Error) => (outcome = error.message),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(outcome).toMatch(/did not answer get\('tag:version'\) within 500 ms/);
  });

  it('bridge.destroy() rejects the get() and activate() still waiting for the iframe', async () => {
    const pages = twoPages();
    const bridge = install({ window: pages.host, plugins: [boxed(), webSdk()] });
    const outcomes: string[] = [];
    const record = (promise: Promise<unknown>) =>
      void promise.then(
        () => outcomes.push('resolved'),
        (error: Error) => outcomes.push(error.message),
      );
    record(bridge.sdk.get('visitor:cookiesConsent'));
    record(bridge.sdk.activate(() => ({ authenticationOption: { type: 'ANONYMOUS' } })));
    await flush();
    bridge.destroy();
    await flush();
    expect(outcomes).toHaveLength(2);
    expect(outcomes.join()).toMatch(/destroyed/);
  });
});

describe('mistakes said where they are made', () => {
  it('the host says so when no relay answers (forgotten in the iframe page, or its data-host-origin is wrong)', async () => {
    vi.useFakeTimers();
    const pages = twoPages();
    // The iframe page runs a relay told the wrong host origin: its hello never reaches this page.
    relayToHost({ hostOrigin: 'https://shop.example', window: pages.frame });
    const bridge = install({ window: pages.host, plugins: [boxed()] });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(bridge.boxed.connected).toBe(false);
    // The relay's own warning is the iframe page's console: the host page's must say it too.
    expect(said('warn') + said('error')).toMatch(/boxedTag\(\):[^\n]*(relay|data-host-origin)/);
  });

  it('Web SDK calls beyond what the host holds before the relay answers are not dropped in silence', async () => {
    const pages = twoPages();
    const bridge = install({ window: pages.host, plugins: [boxed(), webSdk()] });
    for (let i = 0; i < 150; i++) bridge.sdk.navigate(`/page-${i}`);
    await flush();
    expect(said('warn') + said('error')).toMatch(/dropped|held|lost/);
  });

  it('a frozen iAdvizeInterface on the host is said, naming it, and the boxed tag is still heard', async () => {
    const pages = twoPages();
    (pages.host as unknown as { iAdvizeInterface: unknown }).iAdvizeInterface = Object.freeze([]);
    relayToHost({ hostOrigin: HOST, window: pages.frame });
    const tag = loadTag(pages.frame);
    const errors: unknown[] = [];
    const bridge = install({ window: pages.host, plugins: [boxed()], onError: (error) => errors.push(error) });
    await flush();
    tag.startChat();
    await flush();
    expect((bridge as { boxed?: unknown }).boxed).toBeDefined();
    expect(bridge.state.chat.active).toBe(true);
    expect(said('warn') + said('error') + errors.map(String).join()).toMatch(/iAdvizeInterface/);
  });

  it('a function site code queues after replacing window.iAdvizeInterface still reaches the tag, or that is said', async () => {
    const { pages, tag } = await connected();
    const host = pages.host as unknown as { iAdvizeInterface: unknown[] };
    host.iAdvizeInterface = [];
    host.iAdvizeInterface.push((sdk: { navigate(screen: string): void }) => sdk.navigate('/queued-after-replace'));
    await flush();
    const reached = tag.seen.navigations.includes('/queued-after-replace');
    expect(reached || /iAdvizeInterface/.test(said('warn') + said('error'))).toBe(true);
  });
});

describe('consent', () => {
  it.each(['granted', 'denied'] as const)(
    'gate (the default with consent): a consent tool already %s when the bridge installs (a returning visitor) does not break boxedTag()',
    async (state) => {
      const pages = twoPages();
      pages.element.setAttribute('data-src', `${CHAT}/box.html`);
      const bridge = install({ window: pages.host, plugins: [boxed({ consent: consentStandIn(state).source })] });
      await flush();
      expect(said('error')).not.toMatch(/plugin failed on setup/);
      expect((bridge as { boxed?: unknown }).boxed).toBeDefined();
      expect(pages.element.getAttribute('src')).toBe(state === 'granted' ? `${CHAT}/box.html` : null);
    },
  );

  it.each(['javascript:alert(1)', 'https://evil.example/box.html', '//evil.example/box.html'])(
    'gate: a data-src of %s, not on the origin given, is never loaded, and that is said (pin)',
    async (address) => {
      const pages = twoPages();
      pages.element.setAttribute('data-src', address);
      install({ window: pages.host, plugins: [boxed({ consent: consentStandIn('granted').source })] });
      await flush();
      expect(pages.element.getAttribute('src')).toBeNull();
      expect(said('error')).toMatch(/no data-src on https:\/\/chat\.shop\.example/);
    },
  );

  it('a relay in coordinated mode beside a host with no consent is said on the host (the tag would wait for consent forever)', async () => {
    const pages = twoPages();
    relayToHost({ hostOrigin: HOST, window: pages.frame, consentMode: 'coordinated' });
    install({ window: pages.host, plugins: [boxed()] });
    await flush();
    expect(said('warn') + said('error')).toMatch(/boxedTag\(\):[^\n]*coordinated/);
  });

  it("gate: consent granted before the iframe is parsed (bridge script in <head>) still loads the iframe's data-src", async () => {
    const pages = twoPages();
    pages.element.remove();
    // The site's consent function answers at once (a choice stored on an earlier visit), while the body is not parsed yet.
    install({ window: pages.host, plugins: [boxed({ consent: () => true })] });
    await flush();
    const element = pages.host.document.createElement('iframe');
    element.id = 'box';
    element.setAttribute('data-src', `${CHAT}/box.html`);
    pages.host.document.body.appendChild(element);
    pages.host.document.dispatchEvent(new (pages.host as unknown as typeof globalThis).Event('DOMContentLoaded'));
    pages.host.dispatchEvent(new (pages.host as unknown as typeof globalThis).Event('load'));
    await flush();
    expect(element.getAttribute('src')).toBe(`${CHAT}/box.html`);
  });
});

describe('what the iframe learns from the host', () => {
  it("navigate() without a screen sends no query string or fragment of the host's URL to the boxed tag", async () => {
    const pages = twoPages(`${HOST}/account/orders?email=jane%40mail.example&reset_token=s3cr3t#top`);
    relayToHost({ hostOrigin: HOST, window: pages.frame });
    const tag = loadTag(pages.frame);
    const bridge = install({ window: pages.host, plugins: [boxed(), webSdk()] });
    await flush();
    bridge.sdk.navigate();
    await flush();
    expect(tag.seen.navigations).toEqual(['/account/orders']);
  });

  it('followNavigation sends the paths an SPA moves to, not their query strings', async () => {
    const pages = twoPages();
    relayToHost({ hostOrigin: HOST, window: pages.frame });
    const tag = loadTag(pages.frame);
    install({ window: pages.host, plugins: [boxed(), webSdk({ followNavigation: true })] });
    await flush();
    pages.host.history.pushState({}, '', '/checkout?gclid=abc123&email=jane%40mail.example');
    await flush();
    expect(tag.seen.navigations.join()).not.toMatch(/email|gclid/);
  });
});
