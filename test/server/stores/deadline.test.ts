// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createLinkHandler,
  createWebhookHandler,
  linkedClientId,
  memoryStore,
  redisStore,
  type KeyValueStore,
  type RedisClient,
} from '../../../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { SKIP_REDIS, useRedis } from '../support/redis-server.js';
import { SECRET, serve, sign } from '../support/webhook-harness.js';

const CLIENT = '1234567890.1712345678';
const BEACON = { 'content-type': 'text/plain;charset=UTF-8' };

/** The webhook route and the link endpoint of one site, sharing `store`; each call says its status and how long it took. */
async function site(store: KeyValueStore) {
  const delivered: string[] = [];
  const logged: string[] = [];
  const log = (line: string) => void logged.push(line);
  const webhooks = await serve(
    createWebhookHandler({ secret: SECRET, store, log, onEvent: (event) => void delivered.push(event.eventId) }),
  );
  const links = await serve(createLinkHandler({ store, log, authorize: () => 'visitor-session' }), '/api/chat-link');
  // A bound on every call: a hanging answer fails the test at 8 s instead of holding it.
  const timed = async (url: string, init: RequestInit) => {
    const started = performance.now();
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(8000) });
    const body = await response.text();
    return {
      status: response.status,
      error: body ? (JSON.parse(body) as { error: string }).error : undefined,
      ms: performance.now() - started,
    };
  };
  return {
    delivered,
    logged,
    deliver(eventId: string) {
      const body = JSON.stringify({ ...fresh(DOCUMENTED_WEBHOOKS['satisfaction.answered']), eventId });
      return timed(webhooks, { method: 'POST', headers: { 'content-type': 'application/json', 'x-iadvize-signature': sign(body) }, body });
    },
    link(conversationId: string) {
      return timed(links, { method: 'POST', headers: BEACON, body: JSON.stringify({ conversationId, clientId: CLIENT }) });
    },
  };
}

(SKIP_REDIS ? describe.skip : describe)('a Redis outage: redis-server killed, then started again on its port', () => {
  const redis = useRedis();
  const clients: [string, () => Promise<RedisClient>][] = [
    ['node-redis', () => redis.nodeRedis()],
    ['ioredis', () => redis.ioredis()],
  ];

  it.each(clients)(
    '%s on its default options: 503 within 5 s from both handlers, and delivery resumes once Redis is back',
    async (name, connect) => {
      const store = redisStore(await connect(), { prefix: `${name}:` });
      const shop = await site(store);
      const conversation = randomUUID();
      expect([(await shop.deliver(`${name}-before`)).status, (await shop.link(conversation)).status], shop.logged.join('\n')).toEqual([
        200, 204,
      ]);

      await redis.server().kill();
      const during = await Promise.all([shop.deliver(`${name}-during`), shop.link(randomUUID())]);
      expect(during.map(({ status, error }) => [status, error])).toEqual([
        [503, 'store_unavailable'],
        [503, 'store_unavailable'],
      ]);
      for (const { ms } of during) expect(ms).toBeLessThan(5000);
      // The GA4 sink's lookup, inside onEvent, gives up as well instead of holding the webhook's answer.
      const lookup = performance.now();
      await expect(linkedClientId(store)({ conversationId: conversation })).rejects.toThrow(
        /did not answer within 2000 ms|Redis is not connected/,
      );
      expect(performance.now() - lookup).toBeLessThan(5000);
      expect(shop.delivered).toEqual([`${name}-before`]);
      expect(shop.logged.some((line) => line.includes('the store failed'))).toBe(true);

      await redis.server().restart();
      // iAdvize's retry of the event that got a 503, and the next beacon, go through once the client reconnected.
      await expect.poll(async () => (await shop.deliver(`${name}-during`)).status, { timeout: 20_000, interval: 500 }).toBe(200);
      expect((await shop.link(randomUUID())).status).toBe(204);
      expect(shop.delivered).toEqual([`${name}-before`, `${name}-during`]);
    },
    60_000,
  );
});

describe('the deadline of every store call', () => {
  const hanging: KeyValueStore = {
    get: () => new Promise(() => undefined),
    set: () => new Promise(() => undefined),
    add: () => new Promise(() => undefined),
    delete: () => new Promise(() => undefined),
  };

  it('a store that never answers is a 503 after its timeoutMs, from both handlers', async () => {
    const shop = await site({ ...hanging, timeoutMs: 300 });
    const answers = await Promise.all([shop.deliver('never-answered'), shop.link(randomUUID())]);
    expect(answers.map(({ status }) => status)).toEqual([503, 503]);
    for (const { ms } of answers) expect(ms).toBeGreaterThanOrEqual(290);
    for (const { ms } of answers) expect(ms).toBeLessThan(2000);
    expect(shop.logged.filter((line) => line.includes('did not answer within 300 ms'))).toHaveLength(2);
    expect(shop.delivered).toEqual([]);
  });

  it('a store that throws at once, or returns a value instead of a promise, still works through the deadline', async () => {
    const shop = await site({
      ...memoryStore(),
      add: () => {
        throw new Error('READONLY');
      },
    });
    expect((await shop.link(randomUUID())).status).toBe(503);
    expect(shop.logged).toEqual([expect.stringContaining('the store failed: Error: READONLY')]);
  });

  it('a timeoutMs that is not a positive number is a TypeError where the handler is made', () => {
    for (const timeoutMs of [0, -1, NaN, Infinity, '2000']) {
      expect(() => createLinkHandler({ store: { ...memoryStore(), timeoutMs } as never, authorize: () => true })).toThrow(/timeoutMs/);
    }
    expect(() => redisStore({ get() {}, set() {}, del() {} } as never, { timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});
