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
  type LinkHandlerOptions,
} from '../../../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { SKIP_REDIS, useRedis } from '../support/redis-server.js';
import { SECRET, serve, sign } from '../support/webhook-harness.js';

const CLIENT = '1234567890.1712345678';
const VISITOR = '2d90a8a2-16df-45f5-897e-31adf9aa165d';
const FLOOD = 10_000;
// The site's own session check: the session id in the cookie is the visitor's session key.
const sessionKey = (request: Request) => /(?:^|; )sid=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? false;

/** One site, as the README shows it: the link endpoint and the webhook route sharing `store`. */
async function site(store: KeyValueStore, authorize: LinkHandlerOptions['authorize'] = sessionKey) {
  const delivered: string[] = [];
  const logged: string[] = [];
  const log = (line: string) => void logged.push(line);
  const webhooks = await serve(
    createWebhookHandler({ secret: SECRET, store, log, onEvent: (event) => void delivered.push(event.eventId) }),
  );
  const links = await serve(createLinkHandler({ store, authorize, log }), '/api/chat-link');
  const deliver = async (eventId: string) => {
    const body = JSON.stringify({ ...fresh(DOCUMENTED_WEBHOOKS['satisfaction.answered']), eventId });
    const response = await fetch(webhooks, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-iadvize-signature': sign(body) },
      body,
    });
    return ((await response.json()) as { status: string }).status;
  };
  const link = async (sid: string, conversationId: string) => {
    const response = await fetch(links, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', cookie: `sid=${sid}` },
      body: JSON.stringify({ conversationId, clientId: CLIENT }),
    });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };
  /** `count` links of one session, 50 at a time: how many got each status, and the Retry-After values seen. */
  const flood = async (sid: string, count: number) => {
    const statuses: Record<number, number> = {};
    const retryAfter = new Set<string | null>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next++ < count) {
          const answer = await link(sid, randomUUID());
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          if (answer.status === 429) retryAfter.add(answer.retryAfter);
        }
      }),
    );
    return { statuses, retryAfter };
  };
  return { delivered, logged, deliver, link, flood, lookup: linkedClientId(store) };
}

/** Webhook ids delivered and remembered, a visitor's link, then one session's flood of 10,000 links: what survives. */
async function floodAfterDeliveries(store: KeyValueStore, count = FLOOD) {
  const shop = await site(store);
  const ids = Array.from({ length: 100 }, (_, i) => `delivered-${i}`);
  for (const id of ids) expect(await shop.deliver(id)).toBe('delivered');
  expect((await shop.link('visitor-b', VISITOR)).status).toBe(204);

  const { statuses, retryAfter } = await shop.flood('attacker-a', count);
  expect(statuses).toEqual({ 204: 30, 429: count - 30 });
  for (const value of retryAfter) expect(Number(value)).toBeGreaterThan(0);
  for (const value of retryAfter) expect(Number(value)).toBeLessThanOrEqual(3600);

  expect(await shop.lookup({ conversationId: VISITOR })).toBe(CLIENT);
  // Every remembered id is still remembered: iAdvize's redelivery is a duplicate, onEvent does not run again.
  for (const id of ids) expect(await shop.deliver(id)).toBe('duplicate');
  expect(shop.delivered).toEqual(ids);
  // Another visitor is not held back by the flood.
  expect((await shop.link('visitor-c', randomUUID())).status).toBe(204);
  return shop;
}

describe('one session floods the link endpoint: 30 links an hour, then 429', () => {
  it(`memoryStore shared with the webhook route: ${FLOOD} links of one session leave another visitor's link and every webhook id`, async () => {
    await floodAfterDeliveries(memoryStore());
  }, 120_000);

  it('links can never evict webhook ids, even uncapped: authorize returning true, 10,000 links into one memoryStore', async () => {
    const store = memoryStore();
    const shop = await site(store, () => true);
    const ids = Array.from({ length: 100 }, (_, i) => `kept-${i}`);
    for (const id of ids) await shop.deliver(id);
    const { statuses } = await shop.flood('anyone', FLOOD);
    expect(statuses).toEqual({ 204: FLOOD });
    for (const id of ids) expect(await shop.deliver(id)).toBe('duplicate');
    expect(shop.delivered).toEqual(ids);
    expect(shop.logged.filter((line) => /returned true: links are not capped per visitor/.test(line))).toHaveLength(1);
  }, 120_000);

  it("authorize's session key: an empty string is a 500, like any answer that is neither a boolean nor a session key", async () => {
    for (const answer of ['', '   ', 42, null]) {
      const shop = await site(memoryStore(), () => answer as never);
      expect((await shop.link('x', randomUUID())).status).toBe(500);
      expect(shop.logged[0]).toMatch(/not a boolean or a session key/);
    }
  });

  it('linksPerSession and sessionWindowMs: 3 links per 1 s window, then 429 with Retry-After 1, then 3 more', async () => {
    const store = memoryStore();
    const links = await serve(
      createLinkHandler({ store, authorize: () => 'one-session', linksPerSession: 3, sessionWindowMs: 1000, log: () => undefined }),
    );
    const post = async () => {
      const response = await fetch(links, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ conversationId: randomUUID(), clientId: CLIENT }),
      });
      return [response.status, response.headers.get('retry-after'), (await response.text()) && 'body'];
    };
    const first = [await post(), await post(), await post(), await post()];
    expect(first.map(([status]) => status)).toEqual([204, 204, 204, 429]);
    expect(first[3]).toEqual([429, '1', 'body']);
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    expect((await post())[0]).toBe(204);
  });
});

(SKIP_REDIS ? describe.skip : describe)('the same flood against a real Redis', () => {
  const redis = useRedis();

  it(`ioredis (the client the README shows): ${FLOOD} links of one session store 30, and every key expires`, async () => {
    const client = await redis.ioredis();
    await floodAfterDeliveries(redisStore(client, { prefix: 'flood:' }));
    const links = await client.keys('flood:link:*');
    expect(links).toHaveLength(1 + 30 + 1);
    const sessions = await client.keys('flood:session:*');
    // The session key is hashed: neither the raw id nor the cookie is in Redis.
    expect(sessions.join()).not.toMatch(/attacker|visitor/);
    for (const key of [...links, ...sessions, ...(await client.keys('flood:webhook:*'))]) expect(await client.pttl(key)).toBeGreaterThan(0);
    // The README's figure (bench/redis-bytes.mjs): MEMORY USAGE 136 B for a link under the default prefix, kept 30 days.
    for (const key of links) expect(await client.memory('USAGE', key)).toBeLessThanOrEqual(136);
    expect(await client.pttl(links[0])).toBeGreaterThan(29 * 24 * 3600 * 1000);
  }, 120_000);

  it('node-redis: 2,000 links of one session, the same 30 stored', async () => {
    const client = await redis.nodeRedis();
    await floodAfterDeliveries(redisStore(client, { prefix: 'flood-node:' }), 2000);
    expect(await client.keys('flood-node:link:*')).toHaveLength(1 + 30 + 1);
  }, 60_000);
});
