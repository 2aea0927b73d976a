// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createWebhookHandler, memoryStore, WEBHOOK_EVENT_TYPES } from '../../../src/server/index.js';
import { DOCUMENTED_SATISFACTION_ANSWERS, DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { OLD_SECRET, SECRET, sign, useWebhookRoute } from '../support/webhook-harness.js';

const { ctx, route, deliver } = useWebhookRoute();
const closed = () => fresh(DOCUMENTED_WEBHOOKS['v2.conversation.closed']);

describe('x-iadvize-signature: sha256= and the hex HMAC-SHA256 of the raw bytes', () => {
  it('a signed POST of the documented v2.conversation.closed is delivered, typed, with its own field names', async () => {
    const url = await route();
    const payload = closed();
    expect(await deliver(url, payload)).toEqual({ status: 200, body: { status: 'delivered' } });
    expect(ctx.events).toEqual([{ ...payload, known: true }]);
    const [event] = ctx.events;
    if (!event?.known || event.eventType !== 'v2.conversation.closed') throw new Error('not narrowed');
    expect([event.conversationId, event.operatorIds, event.channel]).toEqual(['4c8c7408-f73c-42cd-89e9-afbbee7d9024', [1, 2], 'CHAT']);
  });

  it('is byte-exact: a pretty-printed body verifies as sent, and the same body re-serialised does not', async () => {
    const url = await route();
    const pretty = JSON.stringify(closed(), null, 4);
    expect((await deliver(url, pretty)).status).toBe(200);
    const compact = JSON.stringify(JSON.parse(pretty));
    expect((await deliver(url, compact, { headers: { 'x-iadvize-signature': sign(pretty) } })).status).toBe(401);
    expect(ctx.events).toHaveLength(1);
  });

  it('a one-byte change, a missing header and a wrong digest are 401 without detail; onEvent never runs', async () => {
    const url = await route();
    const text = JSON.stringify(closed());
    const changed = text.replace('"CHAT"', '"CHAU"');
    const wrong = sign(text).replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    const answers = [
      await deliver(url, changed, { headers: { 'x-iadvize-signature': sign(text) } }),
      await deliver(url, text, { headers: { 'x-iadvize-signature': '' } }),
      await deliver(url, text, { headers: { 'x-iadvize-signature': wrong } }),
      await deliver(url, text, { secret: 'another-app-secret' }),
    ];
    const unauthorized = { status: 401, body: { error: 'unauthorized', message: 'Missing or invalid x-iadvize-signature' } };
    expect(answers).toEqual([unauthorized, unauthorized, unauthorized, unauthorized]);
    const missing = await fetch(url, { method: 'POST', body: text });
    expect([missing.status, await missing.json()]).toEqual([401, unauthorized.body]);
    expect(ctx.events).toEqual([]);
  });

  it.each([
    ['another algorithm', (hex: string) => `sha1=${hex}`],
    ['no algorithm', (hex: string) => hex],
    ['a short digest', (hex: string) => `sha256=${hex.slice(2)}`],
    ['two signatures', (hex: string) => `sha256=${hex}, sha256=${hex}`],
    ['a digest in base64', (hex: string) => `sha256=${Buffer.from(hex, 'hex').toString('base64')}`],
  ])('%s is 401', async (_, header) => {
    const url = await route();
    const text = JSON.stringify(closed());
    const hex = sign(text).slice('sha256='.length);
    expect((await deliver(url, text, { headers: { 'x-iadvize-signature': header(hex) } })).status).toBe(401);
    expect((await deliver(url, text, { headers: { 'x-iadvize-signature': `sha256=${hex.toUpperCase()}` } })).status).toBe(200);
  });

  it('takes several secrets during a rotation: either one verifies', async () => {
    const url = await route({ secret: [SECRET, OLD_SECRET] });
    expect((await deliver(url, closed(), { secret: OLD_SECRET })).status).toBe(200);
    expect((await deliver(url, { ...closed(), eventId: 'b2' }, { secret: SECRET })).status).toBe(200);
    expect((await deliver(url, { ...closed(), eventId: 'b3' }, { secret: 'retired' })).status).toBe(401);
  });

  it('a signed GET is checked on its raw query string: 200, no event; extra parameters or the "?" signed are 401', async () => {
    const url = await route();
    const query = 'check=1&at=2024-05-01T10%3A00%3A00Z';
    const get = async (target: string, signature: string) =>
      (await fetch(target, { headers: { 'x-iadvize-signature': signature } })).status;
    expect(await get(`${url}?${query}`, sign(query))).toBe(200);
    expect(await get(url, sign(''))).toBe(200);
    expect(await get(`${url}?${query}&eventType=satisfaction.answered`, sign(query))).toBe(401);
    expect(await get(`${url}?${query}`, sign(`?${query}`))).toBe(401);
    expect(await get(`${url}?${query}`, '')).toBe(401);
    expect(ctx.events).toEqual([]);
  });

  it('other methods are 405 with Allow', async () => {
    const url = await route();
    for (const method of ['DELETE', 'PATCH', 'OPTIONS', 'HEAD']) {
      const response = await fetch(url, { method, headers: { 'x-iadvize-signature': sign('') } });
      expect([response.status, response.headers.get('allow')]).toEqual([405, 'POST, PUT, GET']);
    }
  });
});

describe('every documented event becomes its typed event', () => {
  it.each(Object.entries(DOCUMENTED_WEBHOOKS))('%s', async (type, payload) => {
    const url = await route();
    expect((await deliver(url, fresh(payload))).status).toBe(200);
    expect(ctx.events).toEqual([{ ...fresh(payload), createdAt: expect.any(String), sentAt: expect.any(String), known: true }]);
    expect(ctx.events[0].eventType).toBe(type);
  });

  it('covers exactly the documented types', () => {
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual(Object.keys(DOCUMENTED_WEBHOOKS).sort());
  });

  it.each(DOCUMENTED_SATISFACTION_ANSWERS)('satisfaction.answered with %j', async (answer) => {
    const url = await route();
    const { customerSatisfaction: _, ...rest } = DOCUMENTED_WEBHOOKS['satisfaction.answered'];
    expect((await deliver(url, fresh({ ...rest, ...answer }))).status).toBe(200);
    expect(ctx.events[0]).toMatchObject({ known: true, eventType: 'satisfaction.answered', ...answer });
  });

  it('an unknown type reaches onEvent as sent, known: false, never dropped', async () => {
    const url = await route();
    const payload = fresh({ eventId: 'e1', eventType: 'v3.conversation.summarised', clientId: 1, summary: { lines: 3 } });
    expect((await deliver(url, payload)).status).toBe(200);
    expect(ctx.events).toEqual([{ ...payload, known: false }]);
  });

  it('a documented type without a field it requires is delivered as unknown, not guessed at', async () => {
    const url = await route();
    const { amount: _, ...noAmount } = fresh(DOCUMENTED_WEBHOOKS['transaction.attributed']);
    expect((await deliver(url, noAmount)).status).toBe(200);
    expect(ctx.events).toEqual([{ ...noAmount, known: false }]);
  });

  it('a documented field of the wrong type is left out; fields iAdvize adds later are kept', async () => {
    const url = await route();
    expect((await deliver(url, { ...closed(), operatorIds: 'all', channel: 7, queueId: 12 })).status).toBe(200);
    const event = ctx.events[0] as Record<string, unknown>;
    expect(['operatorIds' in event, 'channel' in event, event.queueId, event.known]).toEqual([false, false, 12, true]);
  });
});

describe('retries: onEvent runs once per eventId', () => {
  it('three deliveries of one event (iAdvize retries with a new delivery id) run onEvent once', async () => {
    const url = await route();
    const payload = closed();
    const answers = [];
    for (const delivery of ['d-1', 'd-2', 'd-3'])
      answers.push(await deliver(url, payload, { headers: { 'x-iadvize-delivery': delivery } }));
    expect(answers.map((answer) => answer.body.status)).toEqual(['delivered', 'duplicate', 'duplicate']);
    expect(ctx.events).toHaveLength(1);
  });

  it('during a rotation, neither secret reaches the log, as written or as a URL carries it', async () => {
    const url = await route({
      secret: [SECRET, OLD_SECRET],
      onEvent: () => {
        throw new Error(`signed with ${SECRET}, ${encodeURIComponent(`${OLD_SECRET}&`)} and ${OLD_SECRET}`);
      },
    });
    expect((await deliver(url, closed(), { secret: OLD_SECRET })).status).toBe(500);
    expect(ctx.logged).toHaveLength(1);
    expect(ctx.logged[0]).toContain('onEvent failed: Error: signed with [redacted], [redacted]%26 and [redacted] (event ');
  });

  it('a failing onEvent is a 500 and the id is not remembered: the retry is delivered once', async () => {
    let calls = 0;
    const url = await route({
      onEvent: (event) => {
        if (++calls === 1) throw new Error(`GA4 down for ${event.eventId}`);
        ctx.events.push(event);
      },
    });
    const payload = closed();
    expect(await deliver(url, payload)).toEqual({
      status: 500,
      body: { error: 'handler_failed', message: 'The event could not be handled' },
    });
    expect(ctx.logged).toEqual([
      `iadvize-bridge webhook: onEvent failed: Error: GA4 down for ${payload.eventId} (event ${payload.eventId}, v2.conversation.closed); answered 500 for iAdvize to retry (it does, 10 s and 30 s after its first attempt)`,
    ]);
    expect((await deliver(url, payload)).body).toEqual({ status: 'delivered' });
    expect((await deliver(url, payload)).body).toEqual({ status: 'duplicate' });
    expect([calls, ctx.events.length]).toEqual([2, 1]);
  });

  it('a rejected promise counts as a failure too', async () => {
    const url = await route({ onEvent: async () => Promise.reject(new TypeError('no client id store')) });
    expect((await deliver(url, closed())).status).toBe(500);
  });

  it('a retry that arrives while the first attempt still runs is a 409 (iAdvize retries it later), not a second run', async () => {
    let release: (() => void) | undefined;
    const url = await route({ onEvent: (event) => new Promise<void>((resolve) => (release = () => (ctx.events.push(event), resolve()))) });
    const payload = closed();
    const first = deliver(url, payload);
    await expect.poll(() => release).toBeDefined();
    expect((await deliver(url, payload)).status).toBe(409);
    release!();
    expect((await first).body).toEqual({ status: 'delivered' });
    expect((await deliver(url, payload)).body).toEqual({ status: 'duplicate' });
    expect(ctx.events).toHaveLength(1);
  });

  it('two routes sharing one store deliver an event once between them (several instances)', async () => {
    const store = memoryStore();
    const [a, b] = [await route({ store }), await route({ store })];
    const payload = closed();
    expect([(await deliver(a, payload)).body.status, (await deliver(b, payload)).body.status]).toEqual(['delivered', 'duplicate']);
    expect(ctx.events).toHaveLength(1);
  });

  it('a store that fails is a 503 and onEvent does not run without the check', async () => {
    const broken = {
      get: () => undefined,
      set: () => undefined,
      add: () => Promise.reject(new Error('ECONNREFUSED')),
      delete: () => undefined,
    };
    const url = await route({ store: broken });
    expect((await deliver(url, closed())).status).toBe(503);
    expect(ctx.events).toEqual([]);
    expect(ctx.logged[0]).toMatch(/^iadvize-bridge webhook: the store failed: Error: ECONNREFUSED/);
  });

  it('a store outage is logged once, not once per delivery', async () => {
    const broken = {
      get: () => undefined,
      set: () => undefined,
      add: () => Promise.reject(new Error('ECONNREFUSED')),
      delete: () => undefined,
    };
    const url = await route({ store: broken });
    const statuses = [];
    for (let i = 0; i < 50; i++) statuses.push((await deliver(url, closed())).status);
    expect(new Set(statuses)).toEqual(new Set([503]));
    expect(ctx.logged.filter((line) => line.includes('the store failed'))).toHaveLength(1);
  });
});

describe('options', () => {
  const onEvent = () => undefined;
  it.each([
    [{ onEvent }, /secret/],
    [{ secret: '', onEvent }, /secret/],
    [{ secret: [], onEvent }, /secret/],
    [{ secret: [SECRET, 3], onEvent }, /secret/],
    [{ secret: SECRET }, /onEvent/],
    [{ secret: SECRET, onEvent, maxBodyBytes: 0 }, /maxBodyBytes/],
    [{ secret: SECRET, onEvent, maxEventAgeMs: Infinity }, /maxEventAgeMs/],
    [{ secret: SECRET, onEvent, store: new Map() }, /store/],
  ])('%j is a TypeError', (options, message) => {
    expect(() => createWebhookHandler(options as never)).toThrow(message);
    expect(() => createWebhookHandler(options as never)).toThrow(TypeError);
  });
});
