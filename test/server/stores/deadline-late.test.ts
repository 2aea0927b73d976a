// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import {
  createLinkHandler,
  createWebhookHandler,
  memoryStore,
  redisStore,
  type KeyValueStore,
  type RedisClient,
} from '../../../src/server/index.js';
import { seenEvents } from '../../../src/server/webhooks/seen-events.js';
import { withDeadline } from '../../../src/server/stores/deadline.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { SKIP_REDIS, useRedis } from '../support/redis-server.js';
import { SECRET, sign } from '../support/webhook-harness.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `store` with each call answered `ms` later (by call name), as a stalled or distant store does. */
const slowed = (store: KeyValueStore, ms: Partial<Record<'get' | 'set' | 'add' | 'delete', number>>, timeoutMs?: number): KeyValueStore => {
  const late = <T>(name: keyof typeof ms, call: () => T | Promise<T>): Promise<T> => wait(ms[name] ?? 0).then(call);
  return {
    timeoutMs,
    get: (k) => late<string | undefined>('get', () => store.get(k)),
    set: (k, v, t) => late<void>('set', () => store.set(k, v, t)),
    add: (k, v, t) => late<boolean>('add', () => store.add(k, v, t)),
    delete: (k) => late<void>('delete', () => store.delete(k)),
  };
};
const delivery = (eventId: string) => {
  const body = JSON.stringify({ ...fresh(DOCUMENTED_WEBHOOKS['satisfaction.answered']), eventId });
  return () =>
    new Request('http://127.0.0.1/webhooks/iadvize', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-iadvize-signature': sign(body) },
      body,
    });
};

describe('a 503 leaves nothing behind in the store', () => {
  it('an add that lands after its deadline is deleted again, only if the key still holds what it wrote', async () => {
    const memory = memoryStore();
    const store = withDeadline(slowed(memory, { add: 150 }, 50), 'test');
    await expect(store.add('webhook:a', 'pending:mine', 20_000)).rejects.toThrow(/did not answer within 50 ms/);
    await wait(250);
    expect(await memory.get('webhook:a')).toBeUndefined();
    // Another writer's value after ours is left alone.
    const other = withDeadline({ ...memory, add: (k, v, t) => wait(100).then(() => memory.add(k, v, t)), timeoutMs: 50 }, 'test');
    await expect(other.add('webhook:b', 'pending:mine', 20_000)).rejects.toThrow(/did not answer/);
    await wait(120);
    await memory.set('webhook:b', 'done', 60_000);
    await wait(50);
    expect(await memory.get('webhook:b')).toBe('done');
  });

  it("iAdvize's schedule: a claim that met a store stall (503) does not turn the last retry into a 409", async () => {
    const memory = memoryStore();
    let stall = 0;
    const store: KeyValueStore = { ...memory, timeoutMs: 100, add: async (k, v, t) => (await wait(stall), memory.add(k, v, t)) };
    const delivered: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      store,
      log: () => undefined,
      onEvent: (event) => void delivered.push(event.eventId),
    });
    const attempt = delivery('evt-late');
    stall = 300;
    expect((await handler(attempt())).status).toBe(503);
    stall = 0;
    await wait(400);
    expect((await handler(attempt())).status).toBe(200);
    expect(delivered).toEqual(['evt-late']);
  });

  it("a renewal's set that answers after done() does not turn the delivered id back into a claim", async () => {
    const memory = memoryStore();
    // The renewal's set of the claim token is slow; done's set of 'done' is not.
    const store: KeyValueStore = { ...memory, set: async (k, v, t) => (v.startsWith('pending:') && (await wait(60)), memory.set(k, v, t)) };
    const seen = seenEvents(store, { rememberMs: 60_000, acceptedForMs: 60_000, claimMs: 90, log: () => undefined });
    const claim = await seen.claim('evt');
    if (typeof claim === 'string') throw new Error('not claimed');
    await wait(40); // the renewal (at 30 ms) is between its get and its set
    await claim.done();
    await wait(100);
    expect(await memory.get('webhook:evt')).toBe('done');
  });
});

describe('one deadline per link request, shared by its store calls', () => {
  it('a store answering each call just inside timeoutMs is a 503 at the deadline, not a 204 after the sum', async () => {
    const handler = createLinkHandler({
      store: slowed(memoryStore(), { get: 80, set: 80, add: 80 }, 200),
      authorize: () => 'visitor',
      log: () => undefined,
    });
    const started = performance.now();
    const response = await handler(
      new Request('http://127.0.0.1/api/chat-link', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ conversationId: randomUUID(), clientId: '1.2' }),
      }),
    );
    const ms = performance.now() - started;
    expect(response.status).toBe(503);
    expect(ms).toBeLessThan(350);
  });
});

(SKIP_REDIS ? describe.skip : describe)('redisStore refuses at once a client that is not ready, however it got there', () => {
  const redis = useRedis();
  const admin = () => new Redis(redis.server().port, '127.0.0.1').on('error', () => undefined);
  const clients: [string, () => Promise<RedisClient & { quit?: unknown }>][] = [
    [
      'node-redis',
      async () =>
        createClient({ url: redis.server().url })
          .on('error', () => undefined)
          .connect(),
    ],
    [
      'ioredis',
      async () => {
        const c = new Redis(redis.server().port, '127.0.0.1').on('error', () => undefined);
        await new Promise((r) => c.once('ready', r));
        return c;
      },
    ],
    [
      'ioredis (maxRetriesPerRequest: null)',
      async () => {
        const c = new Redis(redis.server().port, '127.0.0.1', { maxRetriesPerRequest: null }).on('error', () => undefined);
        await new Promise((r) => c.once('ready', r));
        return c;
      },
    ],
  ];
  const close = (client: unknown) =>
    'destroy' in (client as object) ? (client as { destroy(): void }).destroy() : (client as { disconnect(): void }).disconnect();

  for (const warm of [false, true]) {
    it.each(clients)(
      `%s, ${warm ? 'warm (one call made)' : 'cold (connected, never used by the store)'}: 200 claims while Redis is down are refused in ms, and none lands after it is back`,
      async (name, connect) => {
        const client = await connect();
        const prefix = `${name}-${warm}:`;
        const store = redisStore(client, { prefix });
        if (warm) await store.get('warm-up');
        await redis.server().kill();
        let outcomes: PromiseSettledResult<boolean>[];
        let ms: number;
        try {
          await wait(300); // the client sees its socket closed
          const started = performance.now();
          outcomes = await Promise.race([
            Promise.allSettled(Array.from({ length: 200 }, (_, i) => Promise.resolve(store.add(`webhook:${i}`, 'pending:x', 20_000)))),
            wait(3000).then(() => []),
          ]);
          ms = performance.now() - started;
        } finally {
          await redis.server().restart();
        }
        expect(ms).toBeLessThan(500);
        expect(outcomes.filter((o) => o.status === 'rejected' && /not connected/.test(String(o.reason)))).toHaveLength(200);
        const check = admin();
        await wait(1500); // the client reconnects meanwhile, and would run a queued command then
        expect(await check.keys(`${prefix}*`)).toEqual([]);
        check.disconnect();
        close(client);
      },
      20_000,
    );
  }
});
