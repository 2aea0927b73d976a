// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { createWebhookHandler, memoryStore, redisStore, type KeyValueStore, type RedisClient } from '../../../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { SKIP_REDIS, useRedis } from '../support/redis-server.js';
import { SECRET, serve, sign } from '../support/webhook-harness.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
(SKIP_REDIS ? describe.skip : describe)('against a real redis-server', () => {
  const redis = useRedis();
  const makers: [string, () => Promise<KeyValueStore>][] = [
    ['node-redis', async () => redisStore(await redis.nodeRedis(), { prefix: 'node-redis:' })],
    ['ioredis', async () => redisStore(await redis.ioredis(), { prefix: 'ioredis:' })],
  ];
  describe.each(makers)('redisStore(%s client)', (_, make) => storeContract(make));

  it("keys carry the prefix, so they cannot meet the site's own keys", async () => {
    const client = await redis.nodeRedis();
    await redisStore(client).set('link:a', '1.2', 60_000);
    await redisStore(client, { prefix: 'shop:' }).set('link:a', '3.4', 60_000);
    expect((await client.keys('*')).filter((key) => key.endsWith('link:a')).sort()).toEqual(['iadvize-bridge:link:a', 'shop:link:a']);
    expect(await client.pTTL('iadvize-bridge:link:a')).toBeGreaterThan(59_000);
  });

  it('add is atomic across instances: 20 connections (node-redis and ioredis) racing for one key, one wins', async () => {
    const connections = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? redis.ioredis() : redis.nodeRedis())));
    const stores = connections.map((client) => redisStore(client, { prefix: 'race:' }));
    const wins = await Promise.all(stores.map((store, i) => Promise.resolve(store.add('key', String(i), 60_000))));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await stores[0].get('key')).toBe(String(wins.indexOf(true)));
  });

  it('two webhook instances sharing Redis run onEvent once per event, and a failed attempt leaves the id free', async () => {
    const delivered: string[] = [];
    let failFirst = true;
    const instance = async (client: RedisClient) =>
      serve(
        createWebhookHandler({
          secret: SECRET,
          store: redisStore(client, { prefix: 'hooks:' }),
          log: () => undefined,
          onEvent: (event) => {
            if (failFirst) throw new Error(((failFirst = false), 'first attempt fails'));
            delivered.push(event.eventId);
          },
        }),
      );
    const a = await instance(await redis.nodeRedis());
    const b = await instance(await redis.ioredis());
    const body = JSON.stringify(fresh(DOCUMENTED_WEBHOOKS['satisfaction.answered']));
    const post = async (url: string) => (await fetch(url, { method: 'POST', headers: { 'x-iadvize-signature': sign(body) }, body })).status;
    expect([await post(a), await post(b), await post(a), await post(b)]).toEqual([500, 200, 200, 200]);
    expect(delivered).toEqual([DOCUMENTED_WEBHOOKS['satisfaction.answered'].eventId]);
  });

  it('a client that is not one is a TypeError', () => {
    expect(() => redisStore({} as never)).toThrow(/node-redis or ioredis client/);
    expect(() => redisStore(null as never)).toThrow(TypeError);
  });
});

describe('memoryStore()', () => {
  storeContract(async () => memoryStore());

  it('holds at most maxEntries: the oldest written go first', async () => {
    const store = memoryStore({ maxEntries: 100 });
    for (let i = 0; i < 10_000; i++) await store.set(`k${i}`, 'v', 60_000);
    expect(await store.get('k9899')).toBeUndefined();
    expect(await store.get('k9900')).toBe('v');
    expect(await store.add('k0', 'v', 60_000)).toBe(true);
    expect(await store.get('k9900')).toBeUndefined();
  });

  it('bounds each kind of key (its prefix up to the first colon) on its own: 10,000 links evict no webhook id', async () => {
    const store = memoryStore({ maxEntries: 100 });
    for (let i = 0; i < 100; i++) await store.add(`webhook:event-${i}`, 'done', 60_000);
    for (let i = 0; i < 10_000; i++) await store.add(`link:${i}`, '1.2', 60_000);
    for (let i = 0; i < 100; i++) expect(await store.get(`webhook:event-${i}`)).toBe('done');
    expect([await store.get('link:9899'), await store.get('link:9900')]).toEqual([undefined, '1.2']);
  });

  it('refuses a maxEntries that is not a positive integer', () => {
    for (const maxEntries of [0, -1, 1.5, NaN]) expect(() => memoryStore({ maxEntries })).toThrow(/maxEntries/);
  });
});

/** What every KeyValueStore does, memory or Redis alike. */
function storeContract(make: () => Promise<KeyValueStore>) {
  let store: KeyValueStore;
  beforeAll(async () => {
    store = await make();
  });

  it('get of a missing key is undefined; set then get returns the value', async () => {
    expect(await store.get('missing')).toBeUndefined();
    await store.set('a', '1234567890.1234567890', 60_000);
    expect(await store.get('a')).toBe('1234567890.1234567890');
  });

  it('add sets only an absent key, and says whether it did', async () => {
    expect(await store.add('b', 'first', 60_000)).toBe(true);
    expect(await store.add('b', 'second', 60_000)).toBe(false);
    expect(await store.get('b')).toBe('first');
  });

  it('every entry expires after its TTL; an expired key can be added again', async () => {
    await store.set('c', 'soon gone', 50);
    expect(await store.add('d', 'soon gone', 50)).toBe(true);
    await wait(120);
    expect([await store.get('c'), await store.get('d')]).toEqual([undefined, undefined]);
    expect(await store.add('d', 'again', 60_000)).toBe(true);
  });

  it('set replaces a value and its TTL; delete removes it', async () => {
    await store.set('e', 'pending', 50);
    await store.set('e', 'done', 60_000);
    await wait(120);
    expect(await store.get('e')).toBe('done');
    await store.delete('e');
    expect(await store.get('e')).toBeUndefined();
    await store.delete('never-there');
  });
}
