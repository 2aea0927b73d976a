// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createLinkHandler, linkedClientId, memoryStore, redisStore, type KeyValueStore } from '../../../src/server/index.js';
import { SKIP_REDIS, useRedis } from '../support/redis-server.js';
import { serve } from '../support/webhook-harness.js';

const CONVERSATION = '4c8c7408-f73c-42cd-89e9-afbbee7d9024';
const CLIENT = '1234567890.1712345678';
const KEY = `link:${CONVERSATION}`;

async function linkRoute(store: KeyValueStore) {
  const url = await serve(createLinkHandler({ store, authorize: () => 'session-1', log: () => undefined }), '/api/chat-link');
  return async (body: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as { error?: string; message?: string } | null };
  };
}

function consentRoute(name: string, makeStore: () => Promise<KeyValueStore>) {
  describe(`the link's consent (${name})`, () => {
    it('is stored with the link, field by field; a link without it is stored as before, its bare client id', async () => {
      const store = await makeStore();
      const post = await linkRoute(store);
      const consent = { analytics: 'GRANTED', ad_user_data: 'DENIED', ad_personalization: 'GRANTED' };
      expect((await post({ conversationId: CONVERSATION, clientId: CLIENT, consent, extra: 'x'.repeat(50) })).status).toBe(204);
      expect(JSON.parse((await store.get(KEY))!)).toEqual({ clientId: CLIENT, consent });
      expect(await linkedClientId(store)({ conversationId: CONVERSATION })).toBe(CLIENT);
      const other = '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa';
      expect((await post({ conversationId: other, clientId: CLIENT })).status).toBe(204);
      expect(await store.get(`link:${other}`)).toBe(CLIENT);
    });

    it('a link that says analytics denied is stored, and linkedClientId gives no client id for it', async () => {
      const store = await makeStore();
      const post = await linkRoute(store);
      expect((await post({ conversationId: CONVERSATION, clientId: CLIENT, consent: { analytics: 'DENIED' } })).status).toBe(204);
      expect(await linkedClientId(store)({ conversationId: CONVERSATION })).toBeUndefined();
    });

    it('the first link of a conversation keeps its consent: a later one cannot grant what it denied', async () => {
      const store = await makeStore();
      const post = await linkRoute(store);
      const denied = { analytics: 'DENIED', ad_user_data: 'DENIED' };
      expect((await post({ conversationId: CONVERSATION, clientId: CLIENT, consent: denied })).status).toBe(204);
      const granted = { analytics: 'GRANTED', ad_user_data: 'GRANTED', ad_personalization: 'GRANTED' };
      expect((await post({ conversationId: CONVERSATION, clientId: CLIENT, consent: granted })).status).toBe(204);
      expect((await post({ conversationId: CONVERSATION, clientId: '99.99', consent: granted })).status).toBe(409);
      expect(JSON.parse((await store.get(KEY))!)).toEqual({ clientId: CLIENT, consent: denied });
    });

    it.each([
      ['a string', 'yes', /consent must be an object/],
      ['null', null, /consent must be an object/],
      ['an array', ['GRANTED'], /consent must be an object/],
      ['no analytics', {}, /consent.analytics must be 'GRANTED' or 'DENIED'$/],
      ['a boolean', { analytics: true }, /consent.analytics must be/],
      ['lower case', { analytics: 'granted' }, /consent.analytics must be/],
      [
        'an unknown status',
        { analytics: 'GRANTED', ad_user_data: 'MAYBE' },
        /consent.ad_user_data must be 'GRANTED' or 'DENIED', or left out/,
      ],
      ['an object for a status', { analytics: 'GRANTED', ad_personalization: { toString: 'GRANTED' } }, /consent.ad_personalization/],
      ['another consent type', { analytics: 'GRANTED', ad_storage: 'GRANTED' }, /not "ad_storage"/],
      ['a __proto__ key', '{"analytics":"GRANTED","__proto__":{"ad_user_data":"GRANTED"}}', /not "__proto__"/],
      ['a long key', { analytics: 'GRANTED', ['k'.repeat(500)]: 'GRANTED' }, /not "k{40}"$/],
    ])('%s is refused with a 400 naming the field, and nothing is stored', async (_what, consent, message) => {
      const store = await makeStore();
      const post = await linkRoute(store);
      const body =
        typeof consent === 'string' && consent.startsWith('{')
          ? `{"conversationId":"${CONVERSATION}","clientId":"${CLIENT}","consent":${consent}}`
          : { conversationId: CONVERSATION, clientId: CLIENT, consent };
      const answer = await post(body);
      expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_link' } });
      expect(answer.body?.message).toMatch(message);
      expect(await store.get(KEY)).toBeUndefined();
    });
  });
}

consentRoute('memory store', async () => memoryStore());
(SKIP_REDIS ? describe.skip : describe)('with a real Redis', () => {
  const redis = useRedis();
  consentRoute('Redis store', async () => {
    const client = await redis.nodeRedis();
    await client.flushAll();
    return redisStore(client);
  });
});
