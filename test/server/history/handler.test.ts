// @vitest-environment node
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHistoryHandler, type HistoryHandlerOptions } from '../../../src/server/index.js';
import { ORIGIN, useHistoryProxy } from './harness.js';
import { API_KEY } from '../support/hostile-iadvize.js';

const { ctx, proxy, call } = useHistoryProxy();
const lastRequest = () => ctx.iadvize.requests.at(-1)!;

describe('createHistoryHandler: the documented iAdvize calls', () => {
  it('v2: GET /api/2/conversation.json-unicode/:id?formatHistory=0 with the key in X-API-Key only', async () => {
    const { status, body, response } = await call(`${await proxy()}?chatId=666`, { headers: { origin: ORIGIN } });
    expect(status).toBe(200);
    expect(body.chatId).toBe('666');
    expect(body.entries).toHaveLength(10);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(lastRequest().url).toBe('/api/2/conversation.json-unicode/666?formatHistory=0');
    expect(lastRequest().headers['x-api-key']).toBe(API_KEY);
  });

  it('v1: getHistoryByID with the key in the query string, on the server only', async () => {
    const { status, body } = await call(`${await proxy({ api: 'v1' })}?chatId=427437`);
    expect(status).toBe(200);
    expect(body.entries.map((e: { from: string }) => e.from)).toEqual(['navigation', 'visitor', 'operator', 'system']);
    expect(lastRequest().url).toBe(`/api/chat_history/getHistoryByID/?key=${API_KEY}&chatid=427437`);
  });

  it.each([
    ['123abc', 400, 'invalid_chat_id'],
    ['', 400, 'invalid_chat_id'],
    ['1'.repeat(21), 400, 'invalid_chat_id'],
    ['666&chatId=667', 400, 'invalid_chat_id'],
    ['12345', 404, 'chat_not_found'],
    ['500', 502, 'upstream_failed'],
    ['777', 502, 'upstream_invalid'],
    ['999', 502, 'upstream_invalid'],
    ['58', 502, 'upstream_invalid'],
    ['888', 504, 'upstream_timeout'],
  ])('chatId=%s -> %i %s', async (chatId, expected, code) => {
    const { status, body } = await call(`${await proxy()}?chatId=${chatId}`);
    expect([status, body.error]).toEqual([expected, code]);
    expect(body.message).toEqual(expect.any(String));
  });

  it('a wrong key upstream is a 502 with a hint in the log, and the key iAdvize echoes goes nowhere', async () => {
    const before = ctx.logged.length;
    const { status } = await call(`${await proxy({ apiKey: 'sk-wrong-key' })}?chatId=666`);
    expect(status).toBe(502);
    expect(ctx.logged.slice(before)).toEqual(['iadvize-bridge history: iAdvize answered 403: check the API key (chat 666)']);
  });

  it('iAdvize unreachable is a 502', async () => {
    const { status, body } = await call(`${await proxy({ baseUrl: 'http://127.0.0.1:9' })}?chatId=666`);
    expect([status, body.error]).toEqual([502, 'upstream_unreachable']);
  });
});

describe('createHistoryHandler: authorize', () => {
  const upstreamCalls = () => ctx.iadvize.requests.length;

  it('is required: without it the factory explains why', () => {
    const options = { apiKey: API_KEY, allowedOrigins: [ORIGIN] } as unknown as HistoryHandlerOptions;
    expect(() => createHistoryHandler(options)).toThrow(TypeError);
    expect(() => createHistoryHandler(options)).toThrow(/authorize.*session or token.*Origin check is not authentication/s);
  });

  it('false answers 403 without any call to iAdvize; it gets the request and the chat id', async () => {
    const seen: [string, string][] = [];
    const url = await proxy({ authorize: (request, chatId) => (seen.push([request.headers.get('cookie') ?? '', chatId]), false) });
    const before = upstreamCalls();
    const { status, body } = await call(`${url}?chatId=666`, { headers: { cookie: 'session=abc' } });
    expect([status, body.error]).toEqual([403, 'forbidden']);
    expect(seen).toEqual([['session=abc', '666']]);
    expect(upstreamCalls()).toBe(before);
  });

  it('true, sync or async, lets the request through', async () => {
    for (const authorize of [() => true, async () => true]) {
      expect((await call(`${await proxy({ authorize })}?chatId=666`)).status).toBe(200);
    }
  });

  it('is asked only about valid chat ids (bad input is a 400 first)', async () => {
    let asked = 0;
    const url = await proxy({ authorize: () => (asked++, true) });
    expect((await call(`${url}?chatId=66x`)).status).toBe(400);
    expect(asked).toBe(0);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('session store down');
      },
      /authorize\(\) threw Error: session store down \(chat 666\)/,
    ],
    [
      'rejects',
      async () => {
        throw new Error('db');
      },
      /authorize\(\) threw Error: db/,
    ],
    ['returns a non-boolean', () => 'yes' as unknown as boolean, /authorize\(\) returned string, not a boolean/],
  ])('that %s is a 500, logged, and iAdvize is not called', async (_, authorize, logLine) => {
    const url = await proxy({ authorize });
    const before = upstreamCalls();
    const { status, body } = await call(`${url}?chatId=666`);
    expect([status, body.error]).toEqual([500, 'authorize_failed']);
    expect(ctx.logged.at(-1)).toMatch(logLine);
    expect(upstreamCalls()).toBe(before);
  });
});

describe('createHistoryHandler: visitorId, the visitor the browser saw at chat start', () => {
  const vuid = 'c8db748bfb239a3ad005f99014bdc0824f8c088890cc8';

  it("answers only when it is the conversation's visitor_uid, else 404 as if the chat did not exist", async () => {
    const url = await proxy();
    expect((await call(`${url}?chatId=55&visitorId=${vuid}`)).status).toBe(200);
    const other = await call(`${url}?chatId=55&visitorId=b05f1b45-c891-4a9c-b47e-91ee6c8ffb44`);
    const missing = await call(`${url}?chatId=12345&visitorId=${vuid}`);
    expect([other.status, other.body]).toEqual([404, { error: 'chat_not_found', message: 'No history for chat 55' }]);
    expect([missing.status, missing.body.error]).toEqual([404, 'chat_not_found']);
  });

  it("reads API 1.7's vuid too; a conversation without a visitor id matches none", async () => {
    const v1 = await proxy({ api: 'v1' });
    expect((await call(`${v1}?chatId=427437&visitorId=someone-else`)).status).toBe(404);
    expect((await call(`${v1}?chatId=427437&visitorId=${vuid}`)).status).toBe(200);
    expect((await call(`${await proxy()}?chatId=53&visitorId=${vuid}`)).status).toBe(404);
  });

  it('requireVisitorId: a request without it is a 400, before authorize or iAdvize', async () => {
    let asked = 0;
    const url = await proxy({ requireVisitorId: true, authorize: () => (asked++, true) });
    const { status, body } = await call(`${url}?chatId=55`);
    expect([status, body.error, asked]).toEqual([400, 'invalid_visitor_id', 0]);
    expect((await call(`${url}?chatId=55&visitorId=${vuid}`)).status).toBe(200);
  });

  it.each(['', 'a'.repeat(129), 'a b', '<script>', 'é', `${vuid}&visitorId=${vuid}`])('refuses %j with 400', async (visitorId) => {
    const { status, body } = await call(
      `${await proxy()}?chatId=55&visitorId=${encodeURIComponent(visitorId).replace('%26visitorId%3D', '&visitorId=')}`,
    );
    expect([status, body.error]).toEqual([400, 'invalid_visitor_id']);
  });
});

describe('createHistoryHandler: methods and CORS', () => {
  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'PATCH'])('%s is a 405 with Allow: GET, OPTIONS', async (method) => {
    const response = await fetch(`${await proxy()}?chatId=666`, {
      method,
      ...(method === 'POST' || method === 'PUT' ? { body: '{}' } : {}),
    });
    expect([response.status, response.headers.get('allow'), response.headers.get('cache-control')]).toEqual([
      405,
      'GET, OPTIONS',
      'no-store',
    ]);
  });

  it('TRACE through the whole proxy is a 405 with no-store, and iAdvize is not called', async () => {
    const url = `${await proxy()}?chatId=666`;
    const before = ctx.iadvize.requests.length;
    const answer = await new Promise<[number | undefined, unknown, string]>((resolve) => {
      request(url, { method: 'TRACE' }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk)).on('end', () => resolve([res.statusCode, res.headers['cache-control'], text]));
      }).end();
    });
    expect(answer).toEqual([405, 'no-store', '{"error":"method_not_allowed","message":"This method is not supported"}']);
    expect(ctx.iadvize.requests.length).toBe(before);
  });

  it('CORS only for allowed origins, preflight included; the answer varies by Origin', async () => {
    const url = `${await proxy()}?chatId=666`;
    const denied = await call(url, { headers: { origin: 'https://evil.example' } });
    expect([denied.status, denied.body.error, denied.response.headers.get('access-control-allow-origin')]).toEqual([
      403,
      'origin_not_allowed',
      null,
    ]);
    const preflight = await call(url, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.response.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    expect(preflight.response.headers.get('vary')).toBe('Origin');
    expect((await call(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });

  it("the proxy's own origin is always allowed: a same-origin request that sends Origin is not a cross-origin one", async () => {
    const url = `${await proxy({ allowedOrigins: [] })}?chatId=666`;
    expect((await call(url, { headers: { origin: new URL(url).origin } })).status).toBe(200);
    expect((await call(url, { headers: { origin: ORIGIN } })).status).toBe(403);
  });
});
