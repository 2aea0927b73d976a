// @vitest-environment node
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistoryHandler, type HistoryHandlerOptions } from '../../../src/server/index.js';
import { API_KEY, hostileIadvize, type LocalServer } from '../support/hostile-iadvize.js';

/**
 * The real host names, on the wire: fetch's own connection pool is swapped for one whose every
 * connection goes to the stand-in on 127.0.0.1 (plain HTTP, since the stand-in has no certificate).
 * The request line and the Host header are what iAdvize itself would receive.
 */
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
const global = globalThis as unknown as Record<symbol, { constructor: new (options: object) => unknown } | undefined>;
let iadvize: LocalServer;
let original: (typeof global)[symbol];

beforeAll(async () => {
  iadvize = await hostileIadvize(() => 'http://127.0.0.1:9');
  await fetch(iadvize.url).then((response) => response.text()); // makes Node create its pool
  original = global[DISPATCHER];
  const Agent = original!.constructor;
  global[DISPATCHER] = new Agent({
    connect(_options: unknown, done: (error: Error | null, socket: unknown) => void) {
      const socket = connect(Number(new URL(iadvize.url).port), '127.0.0.1');
      socket.once('connect', () => done(null, socket)).once('error', (error) => done(error, null));
      return socket;
    },
  }) as (typeof global)[symbol];
});
afterAll(async () => {
  global[DISPATCHER] = original;
  await iadvize.close();
});

describe('createHistoryHandler talks to the documented iAdvize hosts', () => {
  it.each([
    [{}, 'sd.iadvize.com', '/api/2/conversation.json-unicode/666?formatHistory=0'],
    [{ platform: 'sd' as const }, 'sd.iadvize.com', '/api/2/conversation.json-unicode/666?formatHistory=0'],
    [{ platform: 'ha' as const }, 'ha.iadvize.com', '/api/2/conversation.json-unicode/666?formatHistory=0'],
    [{ platform: 'ha' as const, api: 'v1' as const }, 'ha.iadvize.com', `/api/chat_history/getHistoryByID/?key=${API_KEY}&chatid=666`],
  ])('%j -> https://%s%s', async (options: Partial<HistoryHandlerOptions>, host, path) => {
    const handler = createHistoryHandler({ apiKey: API_KEY, authorize: () => true, ...options });
    const response = await handler(new Request('https://shop.example/history?chatId=666'));
    expect(response.status).toBe(200);
    const seen = iadvize.requests.at(-1)!;
    expect([seen.headers.host, seen.url]).toEqual([host, path]);
    expect(seen.headers['x-api-key']).toBe(options.api === 'v1' ? undefined : API_KEY);
  });
});
