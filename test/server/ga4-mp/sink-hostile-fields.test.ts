// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { ga4MeasurementProtocol, type Ga4MeasurementProtocolOptions, type KnownWebhookEvent } from '../../../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { API_SECRET, MEASUREMENT_ID, useGa4Collect } from '../support/ga4-collect.js';

const CLIENT = '1234567890.1712345678';
const collect = useGa4Collect();
beforeEach(() => {
  collect.collected.length = 0;
  collect.times.length = 0;
  collect.script.length = 0;
});

/** The sink, called directly with typed events, and what it logged. */
function sink(options: Partial<Ga4MeasurementProtocolOptions> = {}) {
  const logged: string[] = [];
  const send = ga4MeasurementProtocol({
    measurementId: MEASUREMENT_ID,
    apiSecret: API_SECRET,
    currency: 'EUR',
    clientId: () => CLIENT,
    endpoint: collect.endpoint,
    retryDelayMs: 10,
    timeoutMs: 1000,
    log: (line) => logged.push(line),
    ...options,
  });
  return { send, logged };
}
const transaction = (externalId: string, eventId = `e-${externalId.length}`): KnownWebhookEvent<'transaction.attributed'> => ({
  ...fresh(DOCUMENTED_WEBHOOKS['transaction.attributed']),
  externalId,
  eventId,
  known: true,
});
const closed = (channel: string): KnownWebhookEvent<'v2.conversation.closed'> => ({
  ...fresh(DOCUMENTED_WEBHOOKS['v2.conversation.closed']),
  operatorIds: [1, 2],
  channel,
  eventId: channel,
  known: true,
});
const sentParams = () => collect.collected.flatMap((request) => request.body.events ?? []).map((event) => event.params);

describe('transaction_id: only an externalId that looks like an order id', () => {
  const HOSTILE = [
    'jane.doe@example.com',
    'order for jane@example.com',
    '4111111111111111',
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '+33 6 12 34 56 78',
    '0612345678',
    '06.12.34.56.78',
    'ORD-2024-07-15',
    'FR7630006000011234567890189',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl',
    'sk_live_51HqLyjWDarjtT1zdp7dcXyZ',
    '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    '2d90a8a2-16df-45f5-897e-31adf9aa165d',
    // Observed sent before: phones and cards with other separators, other digits, emails spelt out.
    '(555) 123-4567',
    '+1 (555) 123-4567',
    '06/12/34/56/78',
    '06  12  34  56  78',
    '4111_1111_1111_1111',
    '4111/1111/1111/1111',
    '4111 - 1111 - 1111 - 1111',
    '\uFF14\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11\uFF11',
    '\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661',
    'jane.doe\uFF20example.com',
    'jane.doe(at)example.com',
    'jane dot doe at example dot com',
  ];

  it.each(HOSTILE)('%s is never sent: the transaction is, without transaction_id', async (externalId) => {
    const { send } = sink();
    await send(transaction(externalId));
    expect(sentParams()).toEqual([{ value: 300.2, currency: 'EUR' }]);
    expect(JSON.stringify(collect.collected)).not.toContain(externalId.slice(0, 8));
  });

  it('is said once, without the value, however many are left out', async () => {
    const { send, logged } = sink();
    for (const externalId of HOSTILE) await send(transaction(externalId));
    expect(logged).toEqual([
      'iadvize-bridge ga4 measurement protocol: the externalId of event e-20 is not sent as transaction_id: it holds an email, 8 or more digits, or a token; if your order ids look so, pass orderIdPattern (said once)',
    ]);
    expect(sentParams()).toHaveLength(HOSTILE.length);
    for (const externalId of HOSTILE) expect(logged.join('\n')).not.toContain(externalId.slice(0, 8));
  });

  it.each(['transaction-1', 'ORD-1234', 'A1234567', '#100234', 'FR-24-0042'])('%s is sent', async (externalId) => {
    const { send, logged } = sink();
    await send(transaction(externalId));
    expect([sentParams(), logged]).toEqual([[{ value: 300.2, currency: 'EUR', transaction_id: externalId }], []]);
  });

  it("orderIdPattern takes the site's own ids, whole: 9-digit order numbers pass, anything else does not", async () => {
    const { send, logged } = sink({ orderIdPattern: /\d{9}/g });
    await send(transaction('000000123'));
    await send(transaction('000000123 jane@example.com'));
    await send(transaction('transaction-1'));
    expect(sentParams().map((params) => params.transaction_id)).toEqual(['000000123', undefined, undefined]);
    // Observed before with an `m` flag: `^` and `$` matched at the line break.
    const multiline = sink({ orderIdPattern: /^\d{9}$/m });
    await multiline.send(transaction('123456789\njane@example.com'));
    expect(sentParams().at(-1)?.transaction_id).toBeUndefined();
    expect(logged).toEqual([
      'iadvize-bridge ga4 measurement protocol: the externalId of event e-26 is not sent as transaction_id: it does not match orderIdPattern (said once)',
    ]);
  });

  it('orderIdPattern must be a RegExp', () => {
    expect(() => sink({ orderIdPattern: '^\\d+$' as never })).toThrow(/`orderIdPattern` must be a RegExp/);
  });
});

describe('chat_channel: only the channels iAdvize documents', () => {
  it.each(['CHAT', 'CALL', 'VIDEO', 'FACEBOOK', 'FACEBOOK_BUSINESS_ON_MESSENGER', 'TWITTER', 'MOBILE_APP', 'SMS'])(
    '%s is sent, lower-case',
    async (channel) => {
      await sink().send(closed(channel));
      expect(sentParams()).toEqual([{ chat_channel: channel.toLowerCase() }]);
    },
  );

  it.each(['jane.doe@example.com', 'WHATSAPP', 'CHAT<script>', 'chat ', '4111111111111111'])('%j is left out', async (channel) => {
    await sink().send(closed(channel));
    expect(sentParams()).toEqual([{}]);
  });
});

describe('Retry-After and a bounded number of attempts', () => {
  it('a 429 with Retry-After: 1 is retried no sooner than Google asked (retryDelayMs is 10 ms)', async () => {
    collect.script.push({ status: 429, retryAfter: '1' });
    await sink().send(closed('CHAT'));
    expect(collect.times).toHaveLength(2);
    expect(collect.times[1] - collect.times[0]).toBeGreaterThanOrEqual(950);
  });

  it('a Retry-After that would end past 20 s (seconds or a date) is not waited for: the event fails now, logged, and iAdvize retries the webhook', async () => {
    // 25 s: the delivery that outlived iAdvize's last retry (its 409), and the event was lost.
    for (const retryAfter of ['25', '120', new Date(Date.now() + 3_600_000).toUTCString()]) {
      collect.script.push({ status: 503, retryAfter });
      const { send, logged } = sink();
      await expect(send(closed('CHAT'))).rejects.toThrow(
        /answered 503; another attempt would end past 20 s, after iAdvize's last retry: not tried/,
      );
      expect(logged).toHaveLength(1);
    }
    expect(collect.collected).toHaveLength(3);
  });

  it('each event is in at most retries + 1 requests', async () => {
    collect.script.push(503, 503, 503, 503, 503, 503);
    await expect(sink({ retries: 4 }).send(closed('CHAT'))).rejects.toThrow(/\(5 attempts\)/);
    expect(collect.collected).toHaveLength(5);
  });
});
