// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebhookHandler, memoryStore, type WebhookEvent } from '../../../src/server/index.js';
import { seenEvents } from '../../../src/server/webhooks/seen-events.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { SECRET, sign } from '../support/webhook-harness.js';

const FORM = 'application/x-www-form-urlencoded';
const HOUR = 60 * 60 * 1000;

/** A signed POST of `text` (its exact bytes), under `contentType`, straight to the handler. */
async function post(handler: (request: Request) => Promise<Response>, text: string, contentType = 'application/json') {
  const headers = { 'content-type': contentType, 'x-iadvize-signature': sign(text) };
  const response = await handler(new Request('http://127.0.0.1/webhooks/iadvize', { method: 'POST', headers, body: text }));
  return { status: response.status, body: (await response.json()) as { status?: string; error?: string } };
}

function route(options: { maxEventAgeMs?: number; store?: ReturnType<typeof memoryStore> } = {}) {
  const events: WebhookEvent[] = [];
  const logged: string[] = [];
  const handler = createWebhookHandler({
    secret: SECRET,
    onEvent: (event) => void events.push(event),
    log: (line) => logged.push(line),
    ...options,
  });
  return { handler, events, logged };
}

// What a visitor typed in the survey: a form's fields, the rest of the JSON swallowed by the last one.
const COMMENT =
  'thanks&eventId=forged-1&eventType=transaction.attributed&transactionId=t-1&conversationId=c-1&amount=999999&externalId=o-1&rest=';
const captured = () =>
  JSON.stringify(fresh({ ...DOCUMENTED_WEBHOOKS['satisfaction.answered'], eventId: 'genuine-1', satisfactionComment: COMMENT }));

afterEach(() => void vi.useRealTimers());

describe('a captured delivery re-sent with the same bytes and signature', () => {
  it('as a form, signed JSON is still the same JSON event: a duplicate, never a forged transaction.attributed', async () => {
    const { handler, events } = route();
    const text = captured();
    expect((await post(handler, text)).body.status).toBe('delivered');
    expect(await post(handler, text, FORM)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(await post(handler, text, 'text/plain')).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(events.map((event) => [event.eventId, event.eventType])).toEqual([['genuine-1', 'satisfaction.answered']]);
  });

  it('once the memory turned over (the id expired, or was evicted), every replay is refused by age, in either content type', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const store = memoryStore({ maxEntries: 1 });
    const { handler, events } = route({ store });
    const text = captured();
    expect((await post(handler, text)).body.status).toBe('delivered');
    expect((await post(handler, JSON.stringify(fresh({ ...DOCUMENTED_WEBHOOKS['user.created'], eventId: 'other' })))).body.status).toBe(
      'delivered',
    ); // evicts genuine-1
    vi.advanceTimersByTime(HOUR + 1);
    const replays = [];
    for (let round = 0; round < 3; round++) {
      replays.push((await post(handler, text, FORM)).body.error, (await post(handler, text)).body.error);
      vi.advanceTimersByTime(10 * 60 * 1000); // the remembered ids of the first delivery expire too
    }
    expect(replays).toEqual(Array(6).fill('stale_event'));
    expect(events.map((event) => event.eventId)).toEqual(['genuine-1', 'other']);
  });

  it('a form body is a form whatever its content type says, and the same event', async () => {
    const { handler, events } = route();
    const payload = fresh(DOCUMENTED_WEBHOOKS['transaction.attributed']);
    const form = new URLSearchParams(Object.entries(payload).map(([key, value]) => [key, String(value)])).toString();
    expect((await post(handler, form, 'application/json')).body.status).toBe('delivered');
    expect((await post(handler, form, FORM)).body.status).toBe('duplicate');
    expect(events).toEqual([{ ...payload, known: true }]);
  });

  it('text that opens like JSON but is not (a trailing comma) is refused, never read as a form', async () => {
    const { handler, events } = route();
    const now = encodeURIComponent(new Date().toISOString());
    const comment = `x&eventId=inj-1&eventType=transaction.attributed&amount=999999&sentAt=${now}&createdAt=${now}&rest=`;
    const signedJson = JSON.stringify(fresh({ ...DOCUMENTED_WEBHOOKS['satisfaction.answered'], satisfactionComment: comment }));
    const broken = `${signedJson.slice(0, -1)},}`;
    // Observed before: 200 with the eventId and eventType the visitor's comment named.
    expect(await post(handler, broken)).toEqual({ status: 400, body: expect.objectContaining({ error: expect.any(String) }) });
    expect(events).toEqual([]);
  });

  it("a push API body's parameters cannot choose its event id or type", async () => {
    const { handler, events } = route();
    // The push API writes Paris time.
    const now = new Date().toLocaleString('sv-SE', { timeZone: 'Europe/Paris' });
    const push = JSON.stringify({
      name: 'conversation.end',
      datetime: { created: now, sent: now },
      parameters: { eventId: 'chosen', eventType: 'transaction.attributed', conversation_id: 1 },
    });
    expect((await post(handler, push)).status).toBe(200);
    // Observed before: eventId "chosen", eventType "transaction.attributed".
    expect(events.map((event) => [event.eventId.startsWith('push-'), event.eventType])).toEqual([[true, 'conversation.closed']]);
  });
});

describe('every event is dated: an undated one could outlive the memory of its id', () => {
  it.each([
    ['no sentAt or createdAt', {}],
    ['dates that are not dates', { sentAt: 'yesterday', createdAt: 12 }],
  ])('a known transaction.attributed with %s is a 400 undated_event, logged', async (_, dates) => {
    const { handler, events, logged } = route();
    const { createdAt: _c, sentAt: _s, ...undated } = DOCUMENTED_WEBHOOKS['transaction.attributed'];
    expect(await post(handler, JSON.stringify({ ...undated, ...dates }))).toEqual({
      status: 400,
      body: { error: 'undated_event', message: 'The event has no sentAt or createdAt' },
    });
    expect(events).toEqual([]);
    expect(logged).toEqual([
      `iadvize-bridge webhook: event ${undated.eventId} (transaction.attributed) has no sentAt or createdAt: refused, it could not be told from a replay`,
    ]);
  });

  it('an unknown type without a date is refused too; a sentAt that is not a date falls back to createdAt', async () => {
    const { handler, events } = route();
    expect((await post(handler, JSON.stringify({ eventId: 'u1', eventType: 'v3.something' }))).body.error).toBe('undated_event');
    const dated = { ...fresh({ eventId: 'u2', eventType: 'v3.something' }), sentAt: 'soon' };
    expect((await post(handler, JSON.stringify(dated))).body.status).toBe('delivered');
    expect(events.map((event) => event.eventId)).toEqual(['u2']);
  });

  it('ids are kept at least as long as an event passes the age check: a shorter memory is refused at start-up', () => {
    const log = () => undefined;
    expect(() => seenEvents(memoryStore(), { rememberMs: HOUR, acceptedForMs: HOUR + 1, log })).toThrow(RangeError);
    expect(() => seenEvents(memoryStore(), { rememberMs: HOUR, acceptedForMs: HOUR, log })).not.toThrow();
  });
});
