import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { createHistoryHandler, toNodeListener, type HistoryHandlerOptions, type Transcript } from '../../../src/server/index.js';
import { API_KEY, hostileIadvize, listen, type LocalServer } from '../support/hostile-iadvize.js';

export const ORIGIN = 'https://shop.example';

/** The proxy's JSON answer: a transcript, or an `error` code and its `message`; a test reads the one it expects. */
type HistoryAnswer = Transcript & { error?: string; message?: string };

/** The key, as written and as a URL carries it, must be in no body, header or log line. */
function expectNoKey(text: string): void {
  expect(text).not.toContain(API_KEY);
  expect(text).not.toContain(encodeURIComponent(API_KEY));
}

/**
 * Our handler behind a real Node HTTP server, against the hostile stand-in of iAdvize, plus a second
 * server its redirects point to, which must never be reached.
 */
export function useHistoryProxy() {
  const ctx = { iadvize: undefined as unknown as LocalServer, elsewhere: undefined as unknown as LocalServer, logged: [] as string[] };
  const servers: Server[] = [];

  beforeAll(async () => {
    ctx.elsewhere = await listen((req, res, server) => {
      server.requests.push(req);
      res.end('{}');
    });
    ctx.iadvize = await hostileIadvize(() => ctx.elsewhere.url);
  });
  afterAll(async () => {
    expect(ctx.elsewhere.requests).toEqual([]);
    for (const line of ctx.logged) expectNoKey(line);
    for (const server of servers) server.closeAllConnections();
    await Promise.all([ctx.iadvize.close(), ctx.elsewhere.close(), ...servers.map((server) => new Promise((done) => server.close(done)))]);
  });

  async function proxy(options: Partial<HistoryHandlerOptions> = {}): Promise<string> {
    const handler = createHistoryHandler({
      apiKey: API_KEY,
      authorize: () => true,
      allowedOrigins: [ORIGIN],
      baseUrl: ctx.iadvize.url,
      timeoutMs: 500,
      log: (line) => ctx.logged.push(line),
      ...options,
    });
    const listener = toNodeListener(handler);
    // The listener answers its own failures (a 500) and never rejects: nothing to catch here.
    const server = createServer((req, res) => void listener(req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/history`;
  }

  /** A request to the proxy; the key is checked absent from the answer's status line, headers and body. */
  async function call(url: string, init: RequestInit = {}) {
    const response = await fetch(url, init);
    const text = await response.text();
    expectNoKey(text);
    expectNoKey(JSON.stringify([...response.headers]));
    expect(response.headers.get('cache-control')).toBe('no-store');
    return { response, status: response.status, body: (text ? JSON.parse(text) : null) as HistoryAnswer, text }; // null: no body, never read
  }

  return { ctx, proxy, call };
}
