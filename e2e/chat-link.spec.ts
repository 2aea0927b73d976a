import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkHandler, linkedClientId, memoryStore, toNodeListener, type KeyValueStore } from '../src/server/index.js';
import { launch, open } from './browser.js';

// The link endpoint's contract, as a real Chromium sends it: navigator.sendBeacon with a
// text/plain;charset=UTF-8 Blob of JSON (a CORS-safelisted type: no preflight), cookies included.
const CONVERSATION = '4c8c7408-f73c-42cd-89e9-afbbee7d9024';
const CLIENT = '1234567890.1712345678';
const PAGE = '<!doctype html><title>shop</title>';

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
  const links = toNodeListener(createLinkHandler({ store, allowedOrigins, authorize: (request) => /(^|; )sid=abc(;|$)/.test(request.headers.get('cookie') ?? ''), log: () => undefined }));
  const server = createServer((req: IncomingMessage, res) => {
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
  const queued = await page.evaluate(([endpoint, body]) => {
    document.cookie = 'sid=abc';
    return navigator.sendBeacon(endpoint!, new Blob([body!], { type: 'text/plain;charset=UTF-8' }));
  }, [`${to}/api/chat-link`, JSON.stringify({ conversationId: CONVERSATION, clientId: CLIENT })]);
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
    expect(await beacon(other.url, shop.url)).toEqual({ queued: true, problems: ['Failed to load resource: the server responded with a status of 403 (Forbidden)'] });
    expect(shop.seen.map((request) => [request.method, request.origin])).toEqual([['POST', other.url]]);
    expect(await linkedClientId(shop.store)({ conversationId: CONVERSATION })).toBeUndefined();

    const listing = await site([other.url]);
    expect(await beacon(other.url, listing.url)).toEqual({ queued: true, problems: [] });
    await expect.poll(() => linkedClientId(listing.store)({ conversationId: CONVERSATION })).toBe(CLIENT);
    expect(listing.seen.map((request) => request.method)).toEqual(['POST']);
  });
});
