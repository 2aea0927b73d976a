// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  createLinkHandler,
  linkedClientId,
  memoryStore,
  redisStore,
  type KeyValueStore,
  type LinkHandlerOptions,
} from '../../../src/server/index.js';
import { SKIP_REDIS, useRedis } from '../support/redis-server.js';
import { serve } from '../support/webhook-harness.js';

const CONVERSATION = '4c8c7408-f73c-42cd-89e9-afbbee7d9024';
const CLIENT = '1234567890.1712345678';
// What navigator.sendBeacon(url, new Blob([json], { type })) sends: a CORS-safelisted type, no preflight.
const BEACON = { 'content-type': 'text/plain;charset=UTF-8' };

async function linkRoute(options: Partial<LinkHandlerOptions> = {}) {
  const store = options.store ?? memoryStore();
  const logged: string[] = [];
  const url = await serve(
    createLinkHandler({ store, authorize: () => true, log: (line) => logged.push(line), ...options }),
    '/api/chat-link',
  );
  const post = async (body: unknown, headers: Record<string, string> = BEACON, method = 'POST') => {
    const response = await fetch(url, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await response.text();
    expect(response.headers.get('cache-control')).toBe('no-store');
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as { error?: string; message?: string },
      headers: response.headers,
    }; // null: a 204, never read
  };
  return { url, store, post, logged, lookup: linkedClientId(store) };
}

describe('the link endpoint: POST {"conversationId","clientId"}, 204 when stored', () => {
  it('a beacon (JSON as text/plain;charset=UTF-8) is stored, and linkedClientId finds it from a webhook event', async () => {
    const { post, lookup } = await linkRoute();
    expect((await post({ conversationId: CONVERSATION, clientId: CLIENT })).status).toBe(204);
    expect(await lookup({ conversationId: CONVERSATION })).toBe(CLIENT);
    expect(await lookup({ conversationId: CONVERSATION.toUpperCase() })).toBe(CLIENT);
    expect([
      await lookup({ conversationId: '2d90a8a2-16df-45f5-897e-31adf9aa165d' }),
      await lookup({ conversationId: 1 }),
      await lookup({}),
    ]).toEqual([undefined, undefined, undefined]);
  });

  it('application/json is accepted too; other types are 415', async () => {
    const { post } = await linkRoute();
    expect((await post({ conversationId: CONVERSATION, clientId: CLIENT }, { 'content-type': 'application/json' })).status).toBe(204);
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html']) {
      expect((await post({ conversationId: CONVERSATION, clientId: CLIENT }, { 'content-type': type })).body.error).toBe(
        'unsupported_media_type',
      );
    }
  });

  it('the first link of a conversation wins: the same again is 204, another client id 409', async () => {
    const { post, lookup } = await linkRoute();
    expect((await post({ conversationId: CONVERSATION, clientId: CLIENT })).status).toBe(204);
    expect((await post({ conversationId: CONVERSATION.toUpperCase(), clientId: CLIENT })).status).toBe(204);
    expect(await post({ conversationId: CONVERSATION, clientId: '99.99' })).toMatchObject({
      status: 409,
      body: { error: 'already_linked' },
    });
    expect(await lookup({ conversationId: CONVERSATION })).toBe(CLIENT);
  });

  it('a link expires after ttlMs', async () => {
    const { post, lookup } = await linkRoute({ ttlMs: 50 });
    await post({ conversationId: CONVERSATION, clientId: CLIENT });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await lookup({ conversationId: CONVERSATION })).toBeUndefined();
  });
});

describe('both ids are checked', () => {
  it.each([
    ['a conversation id that is not a UUID', { conversationId: '12345', clientId: CLIENT }, /conversationId/],
    ['a UUID with a trailing newline', { conversationId: `${CONVERSATION}\n`, clientId: CLIENT }, /conversationId/],
    ['a numeric conversation id', { conversationId: 12345, clientId: CLIENT }, /conversationId/],
    ['a client id without a dot', { conversationId: CONVERSATION, clientId: '1234567890' }, /clientId/],
    ['a client id as the _ga cookie holds it', { conversationId: CONVERSATION, clientId: `GA1.1.${CLIENT}` }, /clientId/],
    ['a client id with 21 digits', { conversationId: CONVERSATION, clientId: `${'1'.repeat(21)}.1` }, /clientId/],
    ['a UUID as client id', { conversationId: CONVERSATION, clientId: CONVERSATION }, /clientId/],
    ['a number as client id', { conversationId: CONVERSATION, clientId: 1234.5678 }, /clientId/],
    ['an array', [CONVERSATION, CLIENT], /JSON object/],
    ['not JSON', '{"conversationId":', /JSON object/],
  ])('%s is a 400 invalid_link', async (_, body, message) => {
    const { post } = await linkRoute();
    const answer = await post(body);
    expect([answer.status, answer.body.error]).toEqual([400, 'invalid_link']);
    expect(answer.body.message).toMatch(message);
  });

  it('short and long GA client ids of the documented shape pass: 1.1, 20 digits each side', async () => {
    const { post } = await linkRoute();
    expect((await post({ conversationId: CONVERSATION, clientId: '1.1' })).status).toBe(204);
    expect(
      (await post({ conversationId: '2d90a8a2-16df-45f5-897e-31adf9aa165d', clientId: `${'9'.repeat(20)}.${'9'.repeat(20)}` })).status,
    ).toBe(204);
  });

  it('a body over 1 KB is a 413, streamed or announced', async () => {
    const { post } = await linkRoute();
    const padded = JSON.stringify({ conversationId: CONVERSATION, clientId: CLIENT, pad: 'x'.repeat(1024) });
    expect((await post(padded)).status).toBe(413);
    const stream = new ReadableStream({
      start: (controller) => (controller.enqueue(new TextEncoder().encode(padded)), controller.close()),
    });
    const { url } = await linkRoute();
    const response = await fetch(url, { method: 'POST', headers: BEACON, body: stream, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
  });
});

describe('authorize and origins', () => {
  it('authorize is required: a TypeError without it; so is the store', () => {
    expect(() => createLinkHandler({ store: memoryStore() } as never)).toThrow(/authorize/);
    expect(() => createLinkHandler({ authorize: () => true } as never)).toThrow(/store/);
    expect(() => createLinkHandler({ store: memoryStore(), authorize: () => true, ttlMs: -1 })).toThrow(/ttlMs/);
    expect(() => linkedClientId(undefined as never)).toThrow(TypeError);
  });

  it('authorize gets the request and the checked link; false is 403, a throw or neither a boolean nor a session key 500; nothing is stored', async () => {
    const seen: unknown[] = [];
    const { post, lookup } = await linkRoute({ authorize: (request, link) => (seen.push([request.headers.get('cookie'), link]), false) });
    expect(
      (await post({ conversationId: CONVERSATION.toUpperCase(), clientId: CLIENT }, { ...BEACON, cookie: 'sid=abc' })).body.error,
    ).toBe('forbidden');
    expect(seen).toEqual([['sid=abc', { conversationId: CONVERSATION, clientId: CLIENT }]]);
    expect(await lookup({ conversationId: CONVERSATION })).toBeUndefined();
    const throwing = await linkRoute({
      authorize: () => {
        throw new Error('session store down');
      },
    });
    expect((await throwing.post({ conversationId: CONVERSATION, clientId: CLIENT })).body.error).toBe('authorize_failed');
    expect(throwing.logged).toEqual([
      `iadvize-bridge chat link: authorize() threw Error: session store down (conversation ${CONVERSATION})`,
    ]);
    const sloppy = await linkRoute({ authorize: (() => 1) as never });
    expect((await sloppy.post({ conversationId: CONVERSATION, clientId: CLIENT })).status).toBe(500);
  });

  it("the site's own origin is allowed; another is 403 unless listed, and a listed one gets CORS headers", async () => {
    const { url, post } = await linkRoute({ allowedOrigins: ['https://shop.example'] });
    expect((await post({ conversationId: CONVERSATION, clientId: CLIENT }, { ...BEACON, origin: new URL(url).origin })).status).toBe(204);
    expect((await post({ conversationId: CONVERSATION, clientId: CLIENT }, { ...BEACON, origin: 'https://evil.example' })).body.error).toBe(
      'origin_not_allowed',
    );
    const listed = await post(
      { conversationId: '2d90a8a2-16df-45f5-897e-31adf9aa165d', clientId: CLIENT },
      { ...BEACON, origin: 'https://shop.example' },
    );
    expect([listed.status, listed.headers.get('access-control-allow-origin')]).toEqual([204, 'https://shop.example']);
    const preflight = await post(undefined, { origin: 'https://shop.example', 'access-control-request-method': 'POST' }, 'OPTIONS');
    expect([preflight.status, preflight.headers.get('access-control-allow-methods')]).toEqual([204, 'POST, OPTIONS']);
  });

  it('other methods are 405', async () => {
    const { url } = await linkRoute();
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(url, { method });
      expect([response.status, response.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
    }
  });

  it('a failing store is a 503', async () => {
    const broken: KeyValueStore = {
      get: () => undefined,
      set: () => undefined,
      add: () => Promise.reject(new Error('READONLY')),
      delete: () => undefined,
    };
    const { post, logged } = await linkRoute({ store: broken });
    expect((await post({ conversationId: CONVERSATION, clientId: CLIENT })).body.error).toBe('store_unavailable');
    expect(logged).toContainEqual(expect.stringMatching(/the store failed: Error: READONLY/));
  });
});

(SKIP_REDIS ? describe.skip : describe)('links in a real Redis, shared by two instances', () => {
  const redis = useRedis();

  it('a link stored by one instance is found by another, and expires in Redis', async () => {
    const one = await linkRoute({ store: redisStore(await redis.nodeRedis()), ttlMs: 60_000 });
    const other = linkedClientId(redisStore(await redis.ioredis()));
    expect((await one.post({ conversationId: CONVERSATION, clientId: CLIENT })).status).toBe(204);
    expect(await other({ conversationId: CONVERSATION })).toBe(CLIENT);
    const ttl = await (await redis.nodeRedis()).pTTL(`iadvize-bridge:link:${CONVERSATION}`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
