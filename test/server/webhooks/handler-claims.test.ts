// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWebhookHandler,
  ga4MeasurementProtocol,
  memoryStore,
  redisStore,
  type KeyValueStore,
  type WebhookHandlerOptions,
} from '../../../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { API_SECRET, MEASUREMENT_ID, useGa4Collect } from '../support/ga4-collect.js';
import { SKIP_REDIS, useRedis } from '../support/redis-server.js';
import { SECRET, serve, sign } from '../support/webhook-harness.js';

const CLIENT = '1234567890.1712345678';
const realSetTimeout = globalThis.setTimeout;
/** Real time passing, while the fake clock stands still: sockets and the thread pool get their turn. */
const realPause = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));
const closed = () => JSON.stringify(fresh({ ...DOCUMENTED_WEBHOOKS['v2.conversation.closed'], eventId: `closed-${Math.random()}` }));

type Handler = (request: Request) => Promise<Response>;
/** A signed POST of `text` straight to the handler: its status, Retry-After and answer. */
async function post(handler: Handler, text: string) {
  const headers = { 'content-type': 'application/json', 'x-iadvize-signature': sign(text) };
  const response = await handler(new Request('http://127.0.0.1/webhooks/iadvize', { method: 'POST', headers, body: text }));
  const body = (await response.json()) as { status?: string; error?: string };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), answer: body.status ?? body.error };
}
const handlerWith = (onEvent: WebhookHandlerOptions['onEvent'], store: KeyValueStore = memoryStore()) =>
  createWebhookHandler({ secret: SECRET, onEvent, store, log: () => undefined });

/** One turn of the real event loop (setImmediate is never faked): what no I/O is in flight needs. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The fake clock moved by `ms`, in steps of 100 ms with, between them, a real pause for any I/O in
 * flight (`between`) or, with none, one turn of the event loop: a loaded machine stretches 1 ms pauses.
 */
async function elapse(ms: number, between: () => Promise<unknown> = () => realPause(1)) {
  for (let step = 0; step < ms; step += 100) {
    await vi.advanceTimersByTimeAsync(Math.min(100, ms - step));
    await between();
  }
}

/** Until `count()` is above 0, in real time: the first delivery has reached onEvent. */
async function started(count: () => number) {
  while (count() === 0) await realPause(1);
}

/**
 * A duplicate's answer, or what it means when none comes while the fake clock stands still: onEvent is
 * running again (a duplicate that is answered comes within milliseconds; 3 s leaves room for load).
 */
const quick = <T>(answer: Promise<T>, ms = 3_000) => Promise.race([answer, realPause(ms).then(() => 'no answer: onEvent ran again')]);

const BUSY = { status: 409, retryAfter: '10', answer: 'in_progress' };

afterEach(() => void vi.useRealTimers());

// No I/O here: the fake clock moves a turn of the event loop at a time, not a real 1 ms pause.
describe('a claim lives as long as the delivery it protects (memory store, fake clock)', { timeout: 30_000 }, () => {
  it('an onEvent of 25 s runs once: duplicates at 1 s, 21 s and 24 s are 409 with Retry-After, the one after it a duplicate', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let runs = 0;
    const handler = handlerWith(() => (runs++, new Promise((resolve) => setTimeout(resolve, 25_000))));
    const text = closed();
    const first = post(handler, text);
    await started(() => runs);
    const answers = [];
    for (const wait of [1_000, 20_000, 3_000]) {
      await elapse(wait, nextTurn);
      answers.push(await quick(post(handler, text)));
    }
    await elapse(1_500, nextTurn);
    expect([await first, ...answers, await post(handler, text)]).toEqual([
      { status: 200, retryAfter: null, answer: 'delivered' },
      BUSY,
      BUSY,
      BUSY,
      { status: 200, retryAfter: null, answer: 'duplicate' },
    ]);
    expect(runs).toBe(1);
  });

  it('an onEvent that fails after 25 s releases its claim: the next retry runs it again, once', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let runs = 0;
    const handler = handlerWith(() =>
      ++runs === 1 ? new Promise((_, reject) => setTimeout(() => reject(new Error('GA4 down')), 25_000)) : undefined,
    );
    const text = closed();
    const first = post(handler, text);
    await started(() => runs);
    await elapse(21_000, nextTurn);
    expect(await quick(post(handler, text))).toEqual(BUSY);
    await elapse(4_100, nextTurn);
    expect((await first).status).toBe(500);
    expect([(await post(handler, text)).answer, (await post(handler, text)).answer, runs]).toEqual(['delivered', 'duplicate', 2]);
  });
});

describe(
  'our GA4 sink behind the handler, whatever batchMs and retries it accepts (fake clock, a real GA4 stand-in)',
  { timeout: 30_000 },
  () => {
    const collect = useGa4Collect();
    let runs = 0;
    /** `onEvent`, counting its runs in `runs`. */
    const counted =
      (onEvent: WebhookHandlerOptions['onEvent']): WebhookHandlerOptions['onEvent'] =>
      (event) => (runs++, onEvent(event));
    beforeEach(() => void (runs = 0));
    const sink = (options: object) =>
      ga4MeasurementProtocol({
        measurementId: MEASUREMENT_ID,
        apiSecret: API_SECRET,
        currency: 'EUR',
        clientId: () => CLIENT,
        endpoint: collect.endpoint,
        log: () => undefined,
        ...options,
      });

    it('batchMs: 25000 sends one chat_closed once, with duplicates at 1 s, 21 s and 24 s', async () => {
      collect.collected.length = 0;
      vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
      const handler = handlerWith(counted(sink({ batchMs: 25_000 })));
      const text = closed();
      const first = post(handler, text);
      await started(() => runs); // the batch's 25 s count from here, not from when the signature was checked
      const answers = [];
      for (const wait of [1_000, 20_000, 3_000]) {
        await elapse(wait);
        answers.push(await quick(post(handler, text)));
      }
      await elapse(1_100);
      expect([(await first).answer, ...answers]).toEqual(['delivered', BUSY, BUSY, BUSY]);
      expect(collect.collected.flatMap((request) => request.body.events ?? []).map((event) => event.name)).toEqual(['chat_closed']);
    });

    it('retries: 3 against a GA4 that never answers: one run at a time, the attempts that end within 20 s, then a 500 and the claim released', async () => {
      collect.collected.length = 0;
      collect.script.push('hang', 'hang', 'hang', 'hang');
      vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
      // 3 x 5 s timeouts and 0.5 + 1 s between: 16.5 s; a 4th (2 s + 5 s more) would end after iAdvize's last retry.
      const handler = handlerWith(counted(sink({ retries: 3 })));
      const text = closed();
      const first = post(handler, text);
      await started(() => runs); // counted from here, not from when the signature was checked
      await elapse(1_000);
      const early = await quick(post(handler, text));
      await elapse(14_000);
      const late = await quick(post(handler, text));
      await elapse(1_600);
      expect([early, late, (await first).status, collect.collected.length]).toEqual([BUSY, BUSY, 500, 3]);
      collect.script.length = 0;
    });
  },
);

describe.skipIf(SKIP_REDIS)('a claim in Redis, two instances sharing it (real redis-server, real time)', () => {
  const redis = useRedis();

  it('an onEvent of 25 s runs once between two instances: duplicates at 1 s, 21 s and 24 s to either are 409', async () => {
    const shared = `claims-${Math.random()}:`;
    let runs = 0;
    const onEvent = () => (runs++, new Promise<void>((resolve) => setTimeout(resolve, 25_000)));
    const a = await serve(handlerWith(onEvent, redisStore(await redis.nodeRedis(), { prefix: shared })));
    const b = await serve(handlerWith(onEvent, redisStore(await redis.ioredis(), { prefix: shared })));
    const text = closed();
    const send = async (url: string) => {
      const response = await fetch(url, { method: 'POST', headers: { 'x-iadvize-signature': sign(text) }, body: text });
      const body = (await response.json()) as { status?: string; error?: string };
      return { status: response.status, retryAfter: response.headers.get('retry-after'), answer: body.status ?? body.error };
    };
    const started = Date.now();
    const first = send(a);
    const at = async (ms: number, url: string) => (await realPause(started + ms - Date.now()), quick(send(url), 2_000));
    const answers = [await at(1_000, b), await at(21_000, a), await at(24_000, b)];
    expect([await first, ...answers, await send(b)]).toEqual([
      { status: 200, retryAfter: null, answer: 'delivered' },
      BUSY,
      BUSY,
      BUSY,
      { status: 200, retryAfter: null, answer: 'duplicate' },
    ]);
    expect(runs).toBe(1);
  }, 40_000);
});
