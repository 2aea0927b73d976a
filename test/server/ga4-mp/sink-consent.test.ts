// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createLinkHandler,
  createWebhookHandler,
  ga4MeasurementProtocol,
  linkedClientId,
  memoryStore,
  redisStore,
  type KeyValueStore,
} from '../../../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { API_SECRET, MEASUREMENT_ID, useGa4Collect } from '../support/ga4-collect.js';
import { SKIP_REDIS, useRedis } from '../support/redis-server.js';
import { SECRET, serve, sign } from '../support/webhook-harness.js';

const CLIENT = '1234567890.1712345678';
const OTHER_CLIENT = '987654321.1712345678';
const CONVERSATION = '2d90a8a2-16df-45f5-897e-31adf9aa165d';
const OTHER_CONVERSATION = '7b3e1f0a-9c4d-4e2b-8a6f-5d1c0b9e8f7a';

const collect = useGa4Collect();
beforeEach(() => {
  collect.collected.length = 0;
});

/** The server side as a site runs it: the link route and the webhook route sharing `store`, the GA4 sink behind the webhooks. */
async function site(store: KeyValueStore, batchMs = 0) {
  const logged: string[] = [];
  const linkUrl = await serve(createLinkHandler({ store, authorize: () => 'session-1', log: (line) => logged.push(line) }), '/api/link');
  const sink = ga4MeasurementProtocol({
    measurementId: MEASUREMENT_ID,
    apiSecret: API_SECRET,
    currency: 'EUR',
    clientId: linkedClientId(store),
    endpoint: collect.endpoint,
    batchMs,
    retryDelayMs: 10,
    timeoutMs: 300,
    log: (line) => logged.push(line),
  });
  const hookUrl = await serve(createWebhookHandler({ secret: SECRET, onEvent: sink, log: (line) => logged.push(line) }));
  const link = async (body: object) =>
    (await fetch(linkUrl, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(body) })).status;
  const closed = async (conversationId: string, eventId = `closed-${conversationId}`) => {
    const body = JSON.stringify({ ...fresh(DOCUMENTED_WEBHOOKS['v2.conversation.closed']), conversationId, eventId });
    return (await fetch(hookUrl, { method: 'POST', headers: { 'x-iadvize-signature': sign(body) }, body })).status;
  };
  return { sink, link, closed, logged };
}

function consentFlows(name: string, makeStore: () => Promise<KeyValueStore>) {
  describe(`the visitor's consent, from the link to GA4 (${name})`, () => {
    it('the Measurement Protocol body carries the two ad consents exactly as the link recorded them, nothing else', async () => {
      const { link, closed, sink } = await site(await makeStore());
      const consent = { analytics: 'GRANTED', ad_user_data: 'GRANTED', ad_personalization: 'DENIED' };
      expect(await link({ conversationId: CONVERSATION, clientId: CLIENT, consent })).toBe(204);
      expect(await closed(CONVERSATION)).toBe(200);
      expect(collect.collected.map(({ body }) => ({ client_id: body.client_id, consent: body.consent }))).toEqual([
        { client_id: CLIENT, consent: { ad_user_data: 'GRANTED', ad_personalization: 'DENIED' } },
      ]);
      expect(Object.keys(collect.collected[0].body)).toEqual(['client_id', 'consent', 'events']);
      expect(sink.stats).toMatchObject({ sent: 1, skippedNoConsent: 0 });
    });

    it('a visitor whose link says analytics denied is never sent: skipped, counted and logged, the webhook still 200', async () => {
      const { link, closed, sink, logged } = await site(await makeStore());
      const consent = { analytics: 'DENIED', ad_user_data: 'GRANTED', ad_personalization: 'GRANTED' };
      expect(await link({ conversationId: CONVERSATION, clientId: CLIENT, consent })).toBe(204);
      expect(await closed(CONVERSATION, 'closed-1')).toBe(200);
      expect(await closed(CONVERSATION, 'closed-2')).toBe(200);
      expect(collect.collected).toEqual([]);
      expect(sink.stats).toMatchObject({ sent: 0, skippedNoConsent: 2, skippedNoClientId: 0, requests: 0 });
      expect(logged.filter((line) => /denied analytics/.test(line))).toHaveLength(2);
      expect(logged.join('\n')).not.toContain(CLIENT);
    });

    it("ad consents the link left out, and links stored before consent was recorded, are sent 'DENIED'", async () => {
      const store = await makeStore();
      const { link, closed } = await site(store);
      expect(await link({ conversationId: CONVERSATION, clientId: CLIENT, consent: { analytics: 'GRANTED' } })).toBe(204);
      await store.set(`link:${OTHER_CONVERSATION}`, OTHER_CLIENT, 60_000); // as the link route stored it before
      expect([await closed(CONVERSATION), await closed(OTHER_CONVERSATION)]).toEqual([200, 200]);
      const denied = { ad_user_data: 'DENIED', ad_personalization: 'DENIED' };
      expect(collect.collected.map(({ body }) => [body.client_id, body.consent])).toEqual([
        [CLIENT, denied],
        [OTHER_CLIENT, denied],
      ]);
    });

    it('visitors of different consents never share a request', async () => {
      const { link, closed } = await site(await makeStore(), 50);
      const granted = { analytics: 'GRANTED', ad_user_data: 'GRANTED', ad_personalization: 'GRANTED' };
      expect(await link({ conversationId: CONVERSATION, clientId: CLIENT, consent: granted })).toBe(204);
      expect(await link({ conversationId: OTHER_CONVERSATION, clientId: CLIENT, consent: { analytics: 'GRANTED' } })).toBe(204);
      expect(await Promise.all([closed(CONVERSATION), closed(OTHER_CONVERSATION)])).toEqual([200, 200]);
      const sent = collect.collected.map(({ body }) => [body.consent?.ad_user_data, body.events?.length]);
      expect(sent.sort()).toEqual([
        ['DENIED', 1],
        ['GRANTED', 1],
      ]);
    });
  });
}

consentFlows('memory store', async () => memoryStore());
(SKIP_REDIS ? describe.skip : describe)('with a real Redis', () => {
  const redis = useRedis();
  consentFlows('Redis store', async () => {
    const client = await redis.nodeRedis();
    await client.flushAll();
    return redisStore(client);
  });
});
