// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createLinkHandler, linkedClientId, memoryStore, toNodeListener, type LinkHandlerOptions } from '../../../src/server/index.js';
import { appServer, postThroughProxy, reverseProxy, type ProxySetup } from '../support/reverse-proxy.js';
import { serve } from '../support/webhook-harness.js';

const CONVERSATION = '4c8c7408-f73c-42cd-89e9-afbbee7d9024';
const LINK = JSON.stringify({ conversationId: CONVERSATION, clientId: '1234567890.1712345678' });
// What Chromium's navigator.sendBeacon sends from a page of https://<host> (e2e/chat-link.spec.ts).
const beaconFrom = (origin: string) => ({
  origin,
  'content-type': 'text/plain;charset=utf-8',
  cookie: 'sid=abc',
  'sec-fetch-site': 'same-origin',
  'sec-fetch-mode': 'no-cors',
});

/** The link endpoint at /chat-link of an app server, behind a real TLS-terminating reverse proxy set up as `setup` says. */
async function proxiedSite(setup: ProxySetup, options: Partial<LinkHandlerOptions> = {}) {
  const store = memoryStore();
  const logged: string[] = [];
  const links = toNodeListener(
    createLinkHandler({ store, authorize: () => 'visitor-session', log: (line) => logged.push(line), ...options }),
  );
  const app = await appServer((req, res) => (req.url === '/chat-link' ? void links(req, res) : void res.writeHead(404).end()));
  const port = await reverseProxy(app, setup);
  return {
    app,
    store,
    logged,
    beacon: (host: string, path: string, origin = `https://${host}`, body = LINK) =>
      postThroughProxy(port, host, path, beaconFrom(origin), body),
  };
}

describe('the link endpoint behind a reverse proxy: publicOrigin', () => {
  const setups: [string, ProxySetup, string, string][] = [
    ['TLS terminated at the proxy (Origin https://, Node sees http://)', {}, 'shop.example', '/chat-link'],
    ['a CDN host name in front (the app server sees its own host name)', { changeOrigin: true }, 'www.shop.example', '/chat-link'],
    ['a path prefix (the proxy mounts the app under /api/iadvize)', { prefix: '/api/iadvize' }, 'shop.example', '/api/iadvize/chat-link'],
  ];

  it.each(setups)(
    "%s: without publicOrigin the site's own beacon is refused, and the log says once which publicOrigin to set",
    async (_, setup, host, path) => {
      const site = await proxiedSite(setup);
      for (let i = 0; i < 3; i++) expect((await site.beacon(host, path)).status).toBe(403);
      expect(site.logged).toHaveLength(1);
      expect(site.logged[0]).toContain(`set publicOrigin: 'https://${host}'`);
      expect(await linkedClientId(site.store)({ conversationId: CONVERSATION })).toBeUndefined();
    },
  );

  it.each(setups)('%s: with publicOrigin the beacon is stored; another origin is still refused', async (_, setup, host, path) => {
    const site = await proxiedSite(setup, { publicOrigin: `https://${host}` });
    const answer = await site.beacon(host, path);
    expect([answer.status, answer.body]).toEqual([204, '']);
    expect(await linkedClientId(site.store)({ conversationId: CONVERSATION })).toBe('1234567890.1712345678');
    // A page elsewhere that makes the visitor's browser post (cookies included) names its own origin.
    expect((await site.beacon(host, path, 'https://evil.example')).status).toBe(403);
    expect((await site.beacon(host, path, `http://${host}`)).status).toBe(403);
    expect(site.logged).toEqual([
      expect.stringContaining('refused a link from https://evil.example'),
      expect.stringContaining(`refused a link from http://${host}`),
    ]);
  });

  it('a list of public origins (several host names of one site), one of them written with a trailing slash', async () => {
    const site = await proxiedSite({ changeOrigin: true }, { publicOrigin: ['https://shop.example/', 'https://www.shop.example'] });
    expect((await site.beacon('shop.example', '/chat-link')).status).toBe(204);
    expect((await site.beacon('www.shop.example', '/chat-link')).status).toBe(204);
  });
});

describe('forwarded headers are never trusted', () => {
  const forged = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example', forwarded: 'proto=https;host=shop.example' };

  it('X-Forwarded-Proto/Host and Forwarded that would make the origin match do not: 403, and the log names publicOrigin', async () => {
    const logged: string[] = [];
    const url = await serve(
      createLinkHandler({ store: memoryStore(), authorize: () => true, log: (line) => logged.push(line) }),
      '/chat-link',
    );
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...beaconFrom('https://shop.example'), host: 'shop.example', ...forged },
      body: LINK,
    });
    expect(response.status).toBe(403);
    expect(logged).toEqual([expect.stringMatching(/forwarded headers are not trusted.*set publicOrigin: 'https:\/\/shop\.example'/)]);
  });

  it('with publicOrigin, an attacker naming its own origin in forwarded headers is refused', async () => {
    const url = await serve(
      createLinkHandler({ store: memoryStore(), authorize: () => true, publicOrigin: 'https://shop.example', log: () => undefined }),
      '/chat-link',
    );
    const headers = {
      ...beaconFrom('https://evil.example'),
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      forwarded: 'host=evil.example;proto=https',
    };
    expect((await fetch(url, { method: 'POST', headers, body: LINK })).status).toBe(403);
  });
});

describe('refused origins are logged once each, and boundedly', () => {
  it('60 distinct hostile origins, each three times: at most 21 lines, the last saying that more are not logged', async () => {
    const logged: string[] = [];
    const url = await serve(
      createLinkHandler({
        store: memoryStore(),
        authorize: () => true,
        publicOrigin: 'https://shop.example',
        log: (line) => logged.push(line),
      }),
      '/chat-link',
    );
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fetch(url, { method: 'POST', headers: beaconFrom(`https://evil-${i}.example`), body: LINK }).then((r) => r.arrayBuffer()),
        ),
      );
    }
    expect(logged.length).toBeLessThanOrEqual(21);
    expect(new Set(logged).size).toBe(logged.length);
    expect(logged.at(-1)).toMatch(/more refused origins are not logged/);
  }, 20_000);

  it('an opaque or malformed Origin is refused and logged as such, never echoed raw', async () => {
    const logged: string[] = [];
    const url = await serve(
      createLinkHandler({
        store: memoryStore(),
        authorize: () => true,
        publicOrigin: 'https://shop.example',
        log: (line) => logged.push(line),
      }),
      '/chat-link',
    );
    expect((await fetch(url, { method: 'POST', headers: beaconFrom('null'), body: LINK })).status).toBe(403);
    expect((await fetch(url, { method: 'POST', headers: beaconFrom(`https://shop.example/${'x'.repeat(5000)}`), body: LINK })).status).toBe(
      403,
    );
    expect(logged[0]).toMatch(/opaque origin \(null:/);
    expect(logged[1].length).toBeLessThan(400);
  });
});

describe('publicOrigin and allowedOrigins are origins', () => {
  const make = (options: Partial<LinkHandlerOptions>) => () =>
    createLinkHandler({ store: memoryStore(), authorize: () => true, ...options });

  it.each([
    ['a path', 'https://shop.example/api', /publicOrigin.*"https:\/\/shop\.example\/api" has a path.*'https:\/\/shop\.example'/],
    ['no scheme', 'shop.example', /publicOrigin.*"shop\.example" is not an origin.*'https:\/\/shop\.example'/],
    ['a query', 'https://shop.example/?a=1', /publicOrigin/],
    ['another scheme', 'ftp://shop.example', /publicOrigin/],
    ['the opaque origin', 'null', /publicOrigin/],
    ['user info', 'https://user@shop.example', /publicOrigin/],
    ['an empty list', [], /publicOrigin/],
  ])('%s is a TypeError naming what was written and the fix', (_, publicOrigin, message) => {
    expect(make({ publicOrigin })).toThrow(message);
  });

  it('allowedOrigins are checked the same way, and a trailing slash is dropped', async () => {
    expect(make({ allowedOrigins: ['https://partner.example/checkout'] })).toThrow(/allowedOrigins.*has a path/);
    const url = await serve(
      createLinkHandler({
        store: memoryStore(),
        authorize: () => true,
        allowedOrigins: ['HTTPS://Partner.Example/'],
        log: () => undefined,
      }),
      '/chat-link',
    );
    const response = await fetch(url, { method: 'POST', headers: beaconFrom('https://partner.example'), body: LINK });
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([204, 'https://partner.example']);
  });
});
