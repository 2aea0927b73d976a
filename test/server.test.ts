// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHistoryHandler, toNodeListener, type HistoryHandlerOptions } from '../src/server/index.js';
import { V1_SEED_RECORD, V2_SEED_CONVERSATION } from './fixtures/histories.js';

const API_KEY = 'sk-secret-7f3a9c';
const ORIGIN = 'https://shop.example';

/** A mock iAdvize API on 127.0.0.1 that checks the key and answers with the documented envelopes. */
function mockIadvize(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const v2 = /^\/api\/2\/conversation\/(\d+)$/.exec(url.pathname);
  const key = v2 ? req.headers['x-api-key'] : url.searchParams.get('key');
  if (key !== API_KEY) return send(403, { meta: { status: 'error', message: 'Invalid API key' } });
  const id = v2 ? v2[1] : url.searchParams.get('chatid');
  if (url.pathname !== '/api/chat_history/getHistoryByID/' && !v2) return send(404, { meta: { status: 'fail' } });
  switch (id) {
    case '666':
      return send(200, V2_SEED_CONVERSATION);
    case '427437':
      return send(200, { meta: { status: 'success' }, data: V1_SEED_RECORD });
    case '500':
      return send(500, { meta: { status: 'error', message: 'Internal error' } });
    case '777': // garbage
      return send(200, '<html>maintenance</html>');
    case '888': // slow
      setTimeout(() => send(200, V2_SEED_CONVERSATION), 1500);
      return;
    case '999': // answered, but without a history
      return send(200, { meta: { status: 'success' }, data: { id: 999 } });
    default:
      return send(200, { meta: { status: 'fail', message: 'Conversation not found' } });
  }
}

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

let iadvize: Server;
let iadvizeUrl: string;
const servers: Server[] = [];
const logged: string[] = [];

beforeAll(async () => {
  iadvize = createServer(mockIadvize);
  iadvizeUrl = await listen(iadvize);
});
afterAll(async () => {
  await Promise.all([iadvize, ...servers].map((server) => new Promise((done) => server.close(done))));
});

/** Our handler behind a real Node HTTP server, as a site would run it. */
async function proxy(options: Partial<HistoryHandlerOptions> = {}): Promise<string> {
  const handler = createHistoryHandler({
    apiKey: API_KEY,
    allowedOrigins: [ORIGIN],
    baseUrl: iadvizeUrl,
    timeoutMs: 500,
    log: (line) => logged.push(line),
    ...options,
  });
  const server = createServer(toNodeListener(handler));
  servers.push(server);
  return `${await listen(server)}/history`;
}

async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  expect(text).not.toContain(API_KEY);
  return { response, status: response.status, body: text ? JSON.parse(text) : null };
}

describe('createHistoryHandler over HTTP', () => {
  it('v2: fetches with the key in X-API-Key and returns the transcript', async () => {
    const { status, body, response } = await call(`${await proxy()}?chatId=666`, { headers: { origin: ORIGIN } });
    expect(status).toBe(200);
    expect(body.chatId).toBe('666');
    expect(body.entries).toHaveLength(10);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('v1: getHistoryByID with the key in the query string, on the server only', async () => {
    const { status, body } = await call(`${await proxy({ api: 'v1' })}?chatId=427437`);
    expect(status).toBe(200);
    expect(body.entries.map((e: { from: string }) => e.from)).toEqual(['navigation', 'visitor', 'operator', 'system']);
  });

  it.each([
    ['123abc', 400], ['', 400], ['1'.repeat(21), 400], ['12345', 404], ['500', 502], ['777', 502], ['999', 502], ['888', 504],
  ])('chatId %j -> %i', async (chatId, expected) => {
    const { status, body } = await call(`${await proxy()}?chatId=${chatId}`);
    expect(status).toBe(expected);
    expect(body.error).toEqual(expect.any(String));
  });

  it('a wrong key upstream is a 502, and neither key appears anywhere', async () => {
    const { status } = await call(`${await proxy({ apiKey: 'sk-wrong-key' })}?chatId=666`);
    expect(status).toBe(502);
    expect(logged.join('\n')).not.toContain('sk-wrong-key');
  });

  it('iAdvize unreachable is a 502', async () => {
    const { status, body } = await call(`${await proxy({ baseUrl: 'http://127.0.0.1:9' })}?chatId=666`);
    expect(status).toBe(502);
    expect(body.error).toBe('upstream_unreachable');
  });

  it('only GET: 405 with Allow', async () => {
    const { status, response } = await call(`${await proxy()}?chatId=666`, { method: 'POST', body: '{}' });
    expect(status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('CORS only for allowed origins, preflight included', async () => {
    const url = `${await proxy()}?chatId=666`;
    const denied = await call(url, { headers: { origin: 'https://evil.example' } });
    expect(denied.status).toBe(403);
    expect(denied.response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    const deniedPreflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(deniedPreflight.status).toBe(403);
  });

  it('never logs the key, including with v1 where it sits in the upstream URL', async () => {
    const url = await proxy({ api: 'v1' });
    for (const id of ['500', '777', '888']) await call(`${url}?chatId=${id}`);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(API_KEY);
  });

  it.each([
    [{ apiKey: '' }, /apiKey/],
    [{ api: 'v3' }, /api/],
    [{ platform: 'eu' }, /platform/],
    [{ allowedOrigins: '*' }, /allowedOrigins/],
    [{ timeoutMs: -1 }, /timeoutMs/],
  ])('bad options %j are a clear error', (bad, message) => {
    expect(() => createHistoryHandler({ apiKey: API_KEY, allowedOrigins: [], ...(bad as object) })).toThrow(message);
  });

  it('uses www.iadvize.com or ha.iadvize.com by platform', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(V2_SEED_CONVERSATION)));
    await createHistoryHandler({ apiKey: API_KEY, allowedOrigins: [], platform: 'ha' })(new Request('http://x/history?chatId=666'));
    await createHistoryHandler({ apiKey: API_KEY, allowedOrigins: [] })(new Request('http://x/history?chatId=666'));
    expect(fetchSpy.mock.calls.map(([url]) => String(url))).toEqual([
      'https://ha.iadvize.com/api/2/conversation/666',
      'https://www.iadvize.com/api/2/conversation/666',
    ]);
    fetchSpy.mockRestore();
  });
});
