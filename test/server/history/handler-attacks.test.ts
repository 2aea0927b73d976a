// @vitest-environment node
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHistoryHandler } from '../../../src/server/index.js';
import { useHistoryProxy } from './harness.js';
import { API_KEY, MB } from '../support/hostile-iadvize.js';

const { ctx, proxy, call } = useHistoryProxy();

describe('the key never leaves for another host', () => {
  it.each(['301', '302', '303', '307', '308'])(
    'a %s redirect is a 502 upstream_redirected; the other host receives nothing',
    async (chatId) => {
      for (const api of ['v2', 'v1'] as const) {
        const { status, body } = await call(`${await proxy({ api })}?chatId=${chatId}`);
        expect([status, body.error]).toEqual([502, 'upstream_redirected']);
        expect(ctx.logged.at(-1)).toBe(
          `iadvize-bridge history: iAdvize answered ${chatId} to ${ctx.elsewhere.url}; not followed, the key would go with it (chat ${chatId})`,
        );
      }
      expect(ctx.elsewhere.requests).toEqual([]);
    },
  );

  it.each([
    'http://sd.iadvize.com',
    'ftp://127.0.0.1',
    'https://user:pass@sd.iadvize.com',
    'https://sd.iadvize.com/?x=1',
    'https://sd.iadvize.com/#x',
    'not a url',
    'http://127.0.0.2',
  ])('baseUrl %s is refused', (baseUrl) => {
    expect(() => createHistoryHandler({ apiKey: API_KEY, authorize: () => true, baseUrl })).toThrow(/baseUrl/);
  });

  it('https: anywhere and http: on 127.0.0.1 or localhost are accepted', () => {
    for (const baseUrl of ['https://proxy.example/iadvize/', 'http://localhost:8080', 'http://127.0.0.1:1']) {
      expect(typeof createHistoryHandler({ apiKey: API_KEY, authorize: () => true, baseUrl })).toBe('function');
    }
  });
});

describe('nothing of the key or of another conversation reaches the browser', () => {
  it('a key echoed in messages, as written or URL-encoded, is redacted', async () => {
    const { status, body } = await call(`${await proxy()}?chatId=53`);
    expect(status).toBe(200);
    expect(body.entries.map((entry: { text: string }) => entry.text)).toEqual(['my key is [redacted]!', 'https://x/?key=[redacted]']);
  });

  it('a record for another id (here: the key in `id`) is a 502, never relayed; the chat id returned is the one asked', async () => {
    const { status, body } = await call(`${await proxy()}?chatId=54`);
    expect([status, body.error]).toEqual([502, 'upstream_invalid']);
    expect((await call(`${await proxy()}?chatId=0666`)).body.chatId).toBe('0666');
  });

  it("iAdvize's error messages are not relayed", async () => {
    const { text } = await call(`${await proxy()}?chatId=500`);
    expect(text).toBe('{"error":"upstream_failed","message":"iAdvize answered 500"}');
  });

  it('bounds what it returns: the latest maxEntries entries, texts cut to maxTextLength, truncated: true', async () => {
    const { body, text } = await call(`${await proxy({ maxEntries: 100, maxTextLength: 50 })}?chatId=57`);
    expect(body.truncated).toBe(true);
    expect(body.entries).toHaveLength(100);
    expect(body.entries[0].text).toBe(`1400 ${'é'.repeat(44)}…`);
    expect(text.length).toBeLessThan(100 * 100);
    const defaults = await call(`${await proxy()}?chatId=57`);
    expect(defaults.body.entries).toHaveLength(1000);
    expect(defaults.body.entries[0].text).toBe(`500 ${'é'.repeat(100)}`);
    expect(defaults.body.entries[99].text).toBe(`599 ${'é'.repeat(1995)}…`);
  });
});

describe('bounded work against a hostile iAdvize', () => {
  const since = (chatId: string, start: number) => (ctx.iadvize.closedAt.get(chatId) ?? Infinity) - start;

  it('a 50 MB body is cut at maxUpstreamBytes: 502 upstream_too_large, connection closed', async () => {
    const start = Date.now();
    const { status, body } = await call(`${await proxy({ timeoutMs: 10_000 })}?chatId=50`);
    expect([status, body.error]).toEqual([502, 'upstream_too_large']);
    await expect.poll(() => since('50', start), { timeout: 2000 }).toBeLessThan(2000);
    expect(ctx.iadvize.written.get('50')).toBeLessThan(10 * MB);
  });

  it('a 50 MB body within a raised cap is read, and the answer stays bounded', async () => {
    const { status, body, text } = await call(`${await proxy({ timeoutMs: 20_000, maxUpstreamBytes: 64 * MB })}?chatId=50`);
    expect(status).toBe(200);
    expect([body.entries.length, body.truncated]).toEqual([1000, true]);
    expect(text.length).toBeLessThan(1.1 * MB);
  }, 30_000);

  it('the cap counts bytes after decompression: a 50 KB gzip of 50 MB is a 502 upstream_too_large', async () => {
    // The stand-in gzips its 50 MB on first use: under a loaded test run that alone can pass the harness's 500 ms.
    const { status, body } = await call(`${await proxy({ timeoutMs: 10_000 })}?chatId=62`);
    expect([status, body.error]).toEqual([502, 'upstream_too_large']);
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const { status, body } = await call(`${await proxy()}?chatId=60`);
    expect([status, body.error]).toEqual([502, 'upstream_too_large']);
  });

  it('a body that never ends is a 504 at timeoutMs, headers and body alike', async () => {
    const start = Date.now();
    const { status, body } = await call(`${await proxy({ timeoutMs: 300 })}?chatId=51`);
    expect([status, body.error]).toEqual([504, 'upstream_timeout']);
    expect(Date.now() - start).toBeLessThan(1500);
    await expect.poll(() => since('51', start), { timeout: 2000 }).toBeLessThan(1500);
  });

  it('a client that leaves after 150 ms closes the upstream connection at once', async () => {
    const url = `${await proxy({ timeoutMs: 30_000 })}?chatId=52`;
    const left = await new Promise<number>((resolve) => {
      const client = request(url);
      client.on('error', () => undefined);
      client.end();
      setTimeout(() => {
        client.destroy();
        resolve(Date.now());
      }, 150);
    });
    await expect.poll(() => since('52', left), { timeout: 2000, interval: 10 }).toBeLessThan(200);
  });
});
