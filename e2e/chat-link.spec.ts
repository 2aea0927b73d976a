import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLinkHandler,
  ga4MeasurementProtocol,
  linkedClientId,
  memoryStore,
  toNodeListener,
  type KeyValueStore,
  type KnownWebhookEvent,
} from '../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../test/fixtures/webhooks.js';
import { API_SECRET, ga4Collect, MEASUREMENT_ID } from '../test/server/support/ga4-collect.js';
import { appServer, reverseProxy } from '../test/server/support/reverse-proxy.js';
import { launch, open } from './browser.js';

// The link endpoint's contract, as a real Chromium sends it: navigator.sendBeacon with a
// text/plain;charset=UTF-8 Blob of JSON (a CORS-safelisted type: no preflight), cookies included.
const CONVERSATION = '4c8c7408-f73c-42cd-89e9-afbbee7d9024';
const CLIENT = '1234567890.1712345678';
const PAGE = '<!doctype html><title>shop</title>';
// A shop page with Google's gtag (answering `get` with the visitor's client id, as gtag.js does), the
// bridge with the chatLink plugin from the ESM build, and the simulated iAdvize tag.
const SHOP = `<!doctype html><title>shop</title>
<script>
  document.cookie = 'sid=abc';
  window.dataLayer = [];
  window.gtag = function () { dataLayer.push(arguments); if (arguments[0] === 'get') arguments[3]('${CLIENT}'); };
</script>
<script type="module">
  import { chatLink, install } from '/dist/index.js';
  install({ plugins: [chatLink({ endpoint: '/api/chat-link', measurementId: 'G-TEST12345', consent: () => true })] });
  window.bridgeReady = true;
</script>`;
// The same shop with a consent tool: the analytics consent and ad_user_data are consent sources
// as the contract has them (the state set by the test), ad_personalization a function; gtag
// answers the client id later, as gtag.js does.
const CONSENT_SHOP = `<!doctype html><title>shop</title>
<script>
  document.cookie = 'sid=abc';
  window.gtag = function () { if (arguments[0] === 'get') setTimeout(arguments[3], 0, '${CLIENT}'); };
  window.analyticsConsent = 'undecided';
  window.standIn = (state) => ({ consentSource: true, name: 'standIn()', state, subscribe: () => () => {} });
</script>
<script type="module">
  import { chatLink, install } from '/dist/index.js';
  install({ plugins: [chatLink({
    endpoint: '/api/chat-link',
    measurementId: 'G-TEST12345',
    consent: standIn(() => window.analyticsConsent),
    adUserData: standIn(() => 'granted'),
    adPersonalization: () => false,
  })] });
  window.bridgeReady = true;
</script>`;

interface Site {
  url: string;
  seen: { method?: string; origin?: string; type?: string; cookie?: string }[];
  store: KeyValueStore;
}

const servers: Server[] = [];
async function site(allowedOrigins: string[] = []): Promise<Site> {
  const store = memoryStore();
  const seen: Site['seen'] = [];
  // The site's own session check: the beacon must carry the session cookie.
  const links = toNodeListener(
    createLinkHandler({
      store,
      allowedOrigins,
      authorize: (request) => /(^|; )sid=abc(;|$)/.test(request.headers.get('cookie') ?? ''),
      log: () => undefined,
    }),
  );
  const server = createServer((req: IncomingMessage, res) => {
    // The library's own files, for the page that uses the real plugin.
    const dist = /^\/dist\/[\w./-]+\.js$/.exec(req.url ?? '')?.[0];
    if (dist && !dist.includes('..'))
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(new URL(`..${dist}`, import.meta.url)));
    if (req.url === '/shop') return void res.writeHead(200, { 'content-type': 'text/html' }).end(SHOP);
    if (req.url === '/consent-shop') return void res.writeHead(200, { 'content-type': 'text/html' }).end(CONSENT_SHOP);
    if (req.url !== '/api/chat-link') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    seen.push({ method: req.method, origin: req.headers.origin, type: req.headers['content-type'], cookie: req.headers.cookie });
    void links(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, store };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
});

/** Opens a page of `from`, sets the session cookie, and beacons the link to `to`'s endpoint; the page's console errors. */
async function beacon(from: string, to: string): Promise<{ queued: boolean; problems: string[] }> {
  const { page, problems } = await open(browser, `${from}/`);
  const queued = await page.evaluate(
    ([endpoint, body]) => {
      document.cookie = 'sid=abc';
      return navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
    },
    [`${to}/api/chat-link`, JSON.stringify({ conversationId: CONVERSATION, clientId: CLIENT })],
  );
  await page.waitForTimeout(300);
  await page.close();
  return { queued, problems };
}

describe('navigator.sendBeacon from a real Chromium to createLinkHandler', () => {
  it('a same-origin beacon is one POST, no preflight, with the session cookie, and is stored', async () => {
    const shop = await site();
    expect(await beacon(shop.url, shop.url)).toEqual({ queued: true, problems: [] });
    await expect.poll(() => linkedClientId(shop.store)({ conversationId: CONVERSATION })).toBe(CLIENT);
    // Chromium writes the Blob's charset in lower case.
    expect(shop.seen).toEqual([{ method: 'POST', origin: shop.url, type: 'text/plain;charset=utf-8', cookie: 'sid=abc' }]);
  });

  it('a beacon from another origin is refused unless listed in allowedOrigins, and is never preflighted', async () => {
    const [shop, other] = [await site(), await site()];
    expect(await beacon(other.url, shop.url)).toEqual({
      queued: true,
      problems: ['Failed to load resource: the server responded with a status of 403 (Forbidden)'],
    });
    expect(shop.seen.map((request) => [request.method, request.origin])).toEqual([['POST', other.url]]);
    expect(await linkedClientId(shop.store)({ conversationId: CONVERSATION })).toBeUndefined();

    const listing = await site([other.url]);
    expect(await beacon(other.url, listing.url)).toEqual({ queued: true, problems: [] });
    await expect.poll(() => linkedClientId(listing.store)({ conversationId: CONVERSATION })).toBe(CLIENT);
    expect(listing.seen.map((request) => request.method)).toEqual(['POST']);
  });

  it('the chatLink plugin in the page: a chat start links its conversation to the GA4 client id, once', async () => {
    const shop = await site();
    const { page, problems } = await open(browser, `${shop.url}/shop`);
    await page.waitForFunction(() => (window as any).bridgeReady);
    await page.addScriptTag({ url: '/dist/iadvize-simulator.iife.js' });
    await page.evaluate((conversationId) => {
      const tag = (window as any).iAdvizeSimulator;
      tag.fire('onChatStarted', { id: 8000001, conversationId, vuid: 'v' });
      tag.fire('onChatStarted', { id: 8000001, conversationId, vuid: 'v' }); // the same chat again
    }, CONVERSATION);
    await expect.poll(() => linkedClientId(shop.store)({ conversationId: CONVERSATION })).toBe(CLIENT);
    await page.waitForTimeout(200);
    expect(shop.seen).toEqual([{ method: 'POST', origin: shop.url, type: 'text/plain;charset=utf-8', cookie: 'sid=abc' }]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("with a consent tool: links only while analytics is granted, and GA4 gets the visitor's ad consents from the link", async () => {
    const shop = await site();
    const { page, problems } = await open(browser, `${shop.url}/consent-shop`);
    await page.waitForFunction(() => (window as any).bridgeReady);
    await page.addScriptTag({ url: '/dist/iadvize-simulator.iife.js' });
    const chat = (conversationId: string, consent: string) =>
      page.evaluate(
        ([id, state]) => {
          (window as any).analyticsConsent = state;
          (window as any).iAdvizeSimulator.fire('onChatStarted', { id: 8000002, conversationId: id, vuid: 'v' });
        },
        [conversationId, consent],
      );
    const [undecided, granted, withdrawn] = ['0000000a', '0000000b', '0000000c'].map((end) => `4c8c7408-f73c-42cd-89e9-afbb${end}`);
    await chat(undecided, 'undecided');
    await chat(granted, 'granted');
    await expect.poll(() => shop.seen.length).toBe(1);
    await chat(withdrawn, 'denied');
    await page.waitForTimeout(300);
    expect(shop.seen).toHaveLength(1);
    expect(JSON.parse((await shop.store.get(`link:${granted}`))!)).toEqual({
      clientId: CLIENT,
      consent: { analytics: 'GRANTED', ad_user_data: 'GRANTED', ad_personalization: 'DENIED' },
    });
    expect([await shop.store.get(`link:${undecided}`), await shop.store.get(`link:${withdrawn}`)]).toEqual([undefined, undefined]);
    expect(problems).toEqual([]);
    await page.close();

    // The server side: the GA4 sink sends the linked visitor with the consents the page recorded.
    const collect = await ga4Collect(() => 'http://127.0.0.1:9');
    const sink = ga4MeasurementProtocol({
      measurementId: MEASUREMENT_ID,
      apiSecret: API_SECRET,
      events: { 'transaction.attributed': false },
      clientId: linkedClientId(shop.store),
      endpoint: collect.endpoint,
      log: () => undefined,
    });
    const closed: KnownWebhookEvent<'v2.conversation.closed'> = {
      ...fresh(DOCUMENTED_WEBHOOKS['v2.conversation.closed']),
      conversationId: granted,
      operatorIds: [],
      known: true,
    };
    await sink(closed);
    await collect.server.close();
    expect(collect.collected.map(({ body }) => [body.client_id, body.consent])).toEqual([
      [CLIENT, { ad_user_data: 'GRANTED', ad_personalization: 'DENIED' }],
    ]);
  });
});

/**
 * The shop behind a real reverse proxy on 127.0.0.1 that terminates TLS and mounts the app under
 * /shop, as sites run Node: the page is https://127.0.0.1:<port>/shop/, the app server sees http.
 */
async function proxiedShop(withPublicOrigin: boolean) {
  const store = memoryStore();
  const logged: string[] = [];
  const seen: { origin?: string; proto?: string | string[] }[] = [];
  const app = await appServer((req, res) => {
    if (req.url !== '/api/chat-link') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    seen.push({ origin: req.headers.origin, proto: req.headers['x-forwarded-proto'] });
    void links(req, res);
  });
  const origin = `https://127.0.0.1:${await reverseProxy(app, { prefix: '/shop' })}`;
  const authorize = (request: Request) => /(^|; )sid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[2] ?? false;
  const links = toNodeListener(
    createLinkHandler({ store, authorize, publicOrigin: withPublicOrigin ? origin : undefined, log: (line) => logged.push(line) }),
  );
  return { origin, url: `${origin}/shop`, store, logged, seen };
}

describe('a beacon from a real Chromium through a TLS-terminating reverse proxy with a path prefix', () => {
  it('is refused without publicOrigin, the log naming the one to set; with it, it is stored', async () => {
    for (const withPublicOrigin of [false, true]) {
      const shop = await proxiedShop(withPublicOrigin);
      // The proxy's certificate is the test's own: the page is still a secure https:// page.
      const page = await browser.newPage({ ignoreHTTPSErrors: true });
      const problems: string[] = [];
      // Chromium asks for /favicon.ico, which is outside the prefix the proxy serves.
      page.on(
        'console',
        (message) => message.type() === 'error' && !message.location().url.endsWith('/favicon.ico') && problems.push(message.text()),
      );
      await page.goto(`${shop.url}/`);
      const queued = await page.evaluate(
        ([endpoint, body]) => {
          document.cookie = 'sid=abc';
          return navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
        },
        [`${shop.url}/api/chat-link`, JSON.stringify({ conversationId: CONVERSATION, clientId: CLIENT })],
      );
      expect(queued).toBe(true);
      await expect.poll(() => shop.seen.length).toBe(1);
      expect(shop.seen).toEqual([{ origin: shop.origin, proto: 'https' }]);
      if (withPublicOrigin) {
        await expect.poll(() => linkedClientId(shop.store)({ conversationId: CONVERSATION })).toBe(CLIENT);
        expect(shop.logged.filter((line) => line.includes('refused'))).toEqual([]);
      } else {
        await expect.poll(() => problems).toEqual(['Failed to load resource: the server responded with a status of 403 (Forbidden)']);
        expect(await linkedClientId(shop.store)({ conversationId: CONVERSATION })).toBeUndefined();
        expect(shop.logged).toEqual([expect.stringContaining(`set publicOrigin: '${shop.origin}'`)]);
      }
      await page.close();
    }
  });
});
