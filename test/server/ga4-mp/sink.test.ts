// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createWebhookHandler,
  ga4MeasurementProtocol,
  linkedClientId,
  memoryStore,
  type Ga4MeasurementProtocolOptions,
  type Ga4Sink,
  type KnownWebhookEvent,
} from '../../../src/server/index.js';
import { DOCUMENTED_SATISFACTION_ANSWERS, DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { API_SECRET, MEASUREMENT_ID, type Collected, useGa4Collect } from '../support/ga4-collect.js';
import { SECRET, serve, sign } from '../support/webhook-harness.js';

const CLIENT = '1234567890.1712345678';
const LINKED = '2d90a8a2-16df-45f5-897e-31adf9aa165d'; // the conversation of the documented satisfaction and transaction examples
const closed = () => fresh({ ...DOCUMENTED_WEBHOOKS['v2.conversation.closed'], conversationId: LINKED });
/** The typed event the webhook handler makes of `closed()`, for calling a sink directly. */
const closedEvent = (eventId: string): KnownWebhookEvent<'v2.conversation.closed'> => ({
  ...closed(),
  operatorIds: [1, 2],
  eventId,
  known: true,
});

const collect = useGa4Collect();
beforeEach(() => {
  collect.collected.length = 0;
  collect.script.length = 0;
});

/** The whole server side: a link store holding one link, the GA4 sink, the webhook route in front of it. */
async function flow(options: Partial<Ga4MeasurementProtocolOptions> = {}) {
  const links = memoryStore();
  await links.set(`link:${LINKED}`, CLIENT, 60_000);
  const logged: string[] = [];
  const sink = ga4MeasurementProtocol({
    measurementId: MEASUREMENT_ID,
    apiSecret: API_SECRET,
    currency: 'EUR',
    clientId: linkedClientId(links),
    endpoint: collect.endpoint,
    retryDelayMs: 10,
    timeoutMs: 300,
    log: (line) => logged.push(line),
    ...options,
  });
  const url = await serve(createWebhookHandler({ secret: SECRET, onEvent: sink, log: (line) => logged.push(line) }));
  const deliver = async (payload: object) => {
    const body = JSON.stringify(payload);
    const response = await fetch(url, { method: 'POST', headers: { 'x-iadvize-signature': sign(body) }, body });
    return response.status;
  };
  return { sink, deliver, logged };
}

const events = () => collect.collected.flatMap((request) => request.body.events ?? []);
const everything = () => JSON.stringify(collect.collected);

describe('what GA4 receives', () => {
  it('chat_closed with the channel, for the linked client id, dated by createdAt, to measurement_id with api_secret', async () => {
    const { deliver, sink } = await flow();
    const payload = closed();
    expect(await deliver(payload)).toBe(200);
    expect(collect.collected).toEqual([
      {
        path: '/mp/collect',
        query: { measurement_id: MEASUREMENT_ID, api_secret: API_SECRET },
        body: {
          client_id: CLIENT,
          // A link stored before consent was recorded: the ad consents are sent denied.
          consent: { ad_user_data: 'DENIED', ad_personalization: 'DENIED' },
          events: [{ name: 'chat_closed', params: { chat_channel: 'chat' }, timestamp_micros: Date.parse(payload.createdAt) * 1000 }],
        },
      } satisfies Collected,
    ]);
    expect(sink.stats).toMatchObject({ sent: 1, requests: 1, failed: 0 });
  });

  it('chat_satisfaction_answered carries the numeric scores only: a comment or a custom answer sends nothing', async () => {
    const { deliver, sink } = await flow();
    const { customerSatisfaction: _, ...base } = DOCUMENTED_WEBHOOKS['satisfaction.answered'];
    for (const [i, answer] of DOCUMENTED_SATISFACTION_ANSWERS.entries())
      expect(await deliver(fresh({ ...base, ...answer, eventId: `answer-${i}` }))).toBe(200);
    expect(events().map(({ name, params }) => ({ name, params }))).toEqual([
      { name: 'chat_satisfaction_answered', params: { customer_satisfaction: 3 } },
      { name: 'chat_satisfaction_answered', params: { net_promoter_score: 3 } },
    ]);
    expect(everything()).not.toContain('It was very helpful');
    expect(sink.stats).toMatchObject({ sent: 2, ignored: 2 });
  });

  it('chat_transaction_attributed carries value, currency and transaction_id (externalId), no iAdvize or operator id', async () => {
    const { deliver } = await flow();
    expect(await deliver(fresh(DOCUMENTED_WEBHOOKS['transaction.attributed']))).toBe(200);
    expect(events()[0]).toMatchObject({
      name: 'chat_transaction_attributed',
      params: { value: 300.2, currency: 'EUR', transaction_id: 'transaction-1' },
    });
    expect(Object.keys(events()[0].params)).toEqual(['value', 'currency', 'transaction_id']);
  });

  it('never a visitor, operator, conversation or transaction id of iAdvize, whatever the events', async () => {
    const { deliver } = await flow();
    // The documentation's examples share their event ids: each gets its own here, as live events have.
    const payloads = [closed(), fresh(DOCUMENTED_WEBHOOKS['satisfaction.answered']), fresh(DOCUMENTED_WEBHOOKS['transaction.attributed'])];
    for (const [i, payload] of payloads.entries()) expect(await deliver({ ...payload, eventId: `e${i}` })).toBe(200);
    const sent = everything();
    for (const id of [
      LINKED,
      'b05f1b45-c891-4a9c-b47e-91ee6c8ffb44',
      '63429889',
      '1d94c3e8-8cbe-4e46-933d-0433ec339f79',
      '"operator',
      'visitor',
      'userId',
    ])
      expect(sent).not.toContain(id);
    expect(events()).toHaveLength(3);
  });

  it('other types, unknown events and types turned off are ignored and counted', async () => {
    const { deliver, sink } = await flow({ events: { 'v2.conversation.closed': false } });
    const payloads = [closed(), fresh(DOCUMENTED_WEBHOOKS['v2.conversation.pushed']), fresh({ eventId: 'u', eventType: 'v3.unknown' })];
    for (const [i, payload] of payloads.entries()) expect(await deliver({ ...payload, eventId: `e${i}` })).toBe(200);
    expect([collect.collected, sink.stats.ignored]).toEqual([[], 3]);
  });

  it('events takes other GA4 names, checked by GA4 rules when the sink is made', async () => {
    const { deliver } = await flow({ events: { 'v2.conversation.closed': 'iadvize_chat_closed' } });
    await deliver(closed());
    expect(events()[0].name).toBe('iadvize_chat_closed');
    for (const name of ['chat closed', '_chat', 'page_view', 'ga_chat', 'x'.repeat(41)]) {
      expect(() =>
        ga4MeasurementProtocol({
          measurementId: MEASUREMENT_ID,
          apiSecret: API_SECRET,
          currency: 'EUR',
          clientId: () => CLIENT,
          events: { 'v2.conversation.closed': name },
        }),
      ).toThrow(/GA4 event name/);
    }
  });

  it('a createdAt older than GA4 backdates (72 hours) sends no timestamp_micros: Google then uses the time of the request', async () => {
    const { deliver } = await flow();
    await deliver({ ...closed(), createdAt: new Date(Date.now() - 73 * 3600 * 1000).toISOString() });
    expect(events()[0]).not.toHaveProperty('timestamp_micros');
  });
});

describe('client ids: never invented', () => {
  it('an event whose conversation was never linked is skipped and counted; the webhook still succeeds', async () => {
    const { deliver, sink } = await flow();
    expect(await deliver(fresh(DOCUMENTED_WEBHOOKS['v2.conversation.closed']))).toBe(200);
    expect([collect.collected, sink.stats.skippedNoClientId]).toEqual([[], 1]);
  });

  it('clientId may return a promise; one that is not a GA4 client id is skipped and logged', async () => {
    const { deliver, sink, logged } = await flow({ clientId: async () => 'GA1.1.1234.5678' });
    expect(await deliver(closed())).toBe(200);
    expect([collect.collected, sink.stats.skippedNoClientId]).toEqual([[], 1]);
    expect(logged[0]).toMatch(/clientId\(\) returned a string that is not a GA4 client id/);
  });

  it('a clientId that throws fails the event: the webhook answers 500 and iAdvize retries', async () => {
    const { deliver, sink } = await flow({
      clientId: () => {
        throw new Error('redis down');
      },
    });
    expect(await deliver(closed())).toBe(500);
    expect(sink.stats.failed).toBe(1);
  });
});

describe('delivery: batches, retries, failures', () => {
  it('events of one client id that arrive together share requests of at most 25 events', async () => {
    const sink = ga4MeasurementProtocol({
      measurementId: MEASUREMENT_ID,
      apiSecret: API_SECRET,
      currency: 'EUR',
      clientId: () => CLIENT,
      endpoint: collect.endpoint,
      batchMs: 50,
    });
    const other = ga4MeasurementProtocol({
      measurementId: MEASUREMENT_ID,
      apiSecret: API_SECRET,
      currency: 'EUR',
      clientId: (event) => (event.eventId.endsWith('1') ? '1.1' : '2.2'),
      endpoint: collect.endpoint,
    });
    await Promise.all(Array.from({ length: 60 }, (_, i) => sink(closedEvent(`e${i}`))));
    expect(collect.collected.map((request) => request.body.events!.length)).toEqual([25, 25, 10]);
    collect.collected.length = 0;
    await Promise.all(['e1', 'e2', 'e11'].map((eventId) => other(closedEvent(eventId))));
    expect(collect.collected.map((request) => [request.body.client_id, request.body.events!.length])).toEqual([
      ['1.1', 2],
      ['2.2', 1],
    ]);
  });

  it('a 5xx, a timeout and a network failure are retried with backoff; the event is sent once', async () => {
    const { deliver, sink } = await flow();
    collect.script.push(503, 'hang');
    const start = Date.now();
    expect(await deliver(closed())).toBe(200);
    expect([collect.collected.length, sink.stats.requests, sink.stats.sent]).toEqual([3, 3, 1]);
    expect(Date.now() - start).toBeGreaterThanOrEqual(300 + 10 + 20);
  });

  it('still failing after the retries: the webhook answers 500, the id is not remembered, the next delivery sends it', async () => {
    const { deliver, sink, logged } = await flow();
    const payload = closed();
    collect.script.push(500, 502, 503);
    expect(await deliver(payload)).toBe(500);
    expect(logged).toContain(
      'iadvize-bridge ga4 measurement protocol: 1 event(s) not sent: the GA4 collection endpoint answered 503 (3 attempts)',
    );
    expect(await deliver(payload)).toBe(200);
    expect(sink.stats).toMatchObject({ failed: 1, sent: 1, requests: 4 });
    for (const line of logged) expect(line).not.toContain(API_SECRET);
  });

  it('a 4xx is not retried; a redirect is not followed (the URL holds the API secret)', async () => {
    const { deliver, sink } = await flow();
    collect.script.push(400);
    expect(await deliver(closed())).toBe(500);
    collect.script.push('redirect');
    expect(await deliver({ ...closed(), eventId: 'other' })).toBe(500);
    expect(sink.stats.requests).toBe(2);
  });

  it('flush() sends what waits for batchMs at once', async () => {
    const sink: Ga4Sink = ga4MeasurementProtocol({
      measurementId: MEASUREMENT_ID,
      apiSecret: API_SECRET,
      currency: 'EUR',
      clientId: () => CLIENT,
      endpoint: collect.endpoint,
      batchMs: 60_000,
    });
    const sent = sink(closedEvent('later'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(collect.collected).toEqual([]);
    await sink.flush();
    await sent;
    expect(collect.collected).toHaveLength(1);
  });
});

describe("validate: Google's validation server", () => {
  it('sends to /debug/mp/collect and logs and counts its messages; nothing reaches /mp/collect', async () => {
    const { deliver, sink, logged } = await flow({ validate: true, clientId: () => CLIENT });
    expect(await deliver(closed())).toBe(200);
    expect(collect.collected.map((request) => request.path)).toEqual(['/debug/mp/collect']);
    expect(sink.stats.invalid).toBe(0);
    const direct = ga4MeasurementProtocol({
      measurementId: MEASUREMENT_ID,
      apiSecret: API_SECRET,
      currency: 'EUR',
      clientId: () => CLIENT,
      endpoint: collect.endpoint,
      validate: true,
      batchMs: 20,
      log: (line) => logged.push(line),
    });
    await Promise.all(Array.from({ length: 26 }, (_, i) => direct(closedEvent(`v${i}`))));
    expect(direct.stats.invalid).toBe(0); // 25 + 1: the sink never makes a request Google would refuse
  });

  it('logs and counts what the validation server says, and the event still counts as handled', async () => {
    const { deliver, sink, logged } = await flow({ validate: true });
    const message = {
      fieldPath: 'events[0].params.currency',
      description: 'Currency must be a valid ISO 4217 code.',
      validationCode: 'VALUE_INVALID',
    };
    collect.script.push({ validationMessages: [message] });
    expect(await deliver(fresh(DOCUMENTED_WEBHOOKS['transaction.attributed']))).toBe(200);
    expect(sink.stats).toMatchObject({ sent: 1, invalid: 1 });
    expect(logged).toEqual([
      'iadvize-bridge ga4 measurement protocol: validation: VALUE_INVALID at events[0].params.currency: Currency must be a valid ISO 4217 code.',
    ]);
  });
});

describe('options', () => {
  const base = { measurementId: MEASUREMENT_ID, apiSecret: API_SECRET, currency: 'EUR', clientId: () => CLIENT };
  it.each([
    [{ ...base, measurementId: 'UA-1234-1' }, /measurementId/],
    [{ ...base, apiSecret: ' ' }, /apiSecret/],
    [{ ...base, clientId: undefined }, /clientId/],
    [{ ...base, currency: undefined }, /currency/],
    [{ ...base, currency: 'euro' }, /currency/],
    [{ ...base, endpoint: 'http://www.google-analytics.com/mp/collect' }, /endpoint/],
    [{ ...base, endpoint: 'https://www.google-analytics.com/collect' }, /endpoint/],
    [{ ...base, endpoint: 'https://www.google-analytics.com/mp/collect?api_secret=x' }, /endpoint/],
    [{ ...base, events: { 'conversation.closed': 'chat_closed' } }, /events/],
    [{ ...base, retries: -1 }, /retries/],
    [{ ...base, batchMs: -1 }, /batchMs/],
  ])('%j is a TypeError', (options, message) => {
    expect(() => ga4MeasurementProtocol(options as never)).toThrow(message);
  });

  it('currency may be left out when transactions are not forwarded', () => {
    expect(typeof ga4MeasurementProtocol({ ...base, currency: undefined, events: { 'transaction.attributed': false } })).toBe('function');
  });
});
