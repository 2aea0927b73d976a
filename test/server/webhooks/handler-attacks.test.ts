// @vitest-environment node
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createWebhookHandler, memoryStore } from '../../../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { MB } from '../support/hostile-iadvize.js';
import { SECRET, sign, useWebhookRoute } from '../support/webhook-harness.js';

const { ctx, route, deliver } = useWebhookRoute();
const closed = (offsetMs = 0) => fresh(DOCUMENTED_WEBHOOKS['v2.conversation.closed'], offsetMs);

/** Streams `total` bytes of one signed-looking body as fast as the server takes them; how many were written and the status. */
function flood(url: string, total: number, headers: Record<string, string> = {}): Promise<{ status: number; written: number }> {
  return new Promise((resolve) => {
    let written = 0;
    let status = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const client = request(url, { method: 'POST', headers: { 'x-iadvize-signature': sign('x'), ...headers } }, (response) => {
      status = response.statusCode ?? 0;
      response.resume();
    });
    const done = () => resolve({ status, written });
    client.on('error', done);
    client.on('close', done);
    const pump = () => {
      while (written < total) {
        written += chunk.length;
        if (!client.write(chunk)) return void client.once('drain', pump);
      }
      client.end();
    };
    pump();
  });
}

describe('bounded reading: nothing past maxBodyBytes is read', () => {
  it('a 50 MB body is a 413 after about 1 MB, and the connection is closed', async () => {
    const url = await route();
    const { status, written } = await flood(url, 50 * MB);
    expect(status).toBe(413);
    expect(written).toBeLessThan(8 * MB); // 1 MB read, the rest is what the sockets' buffers took
    expect(ctx.events).toEqual([]);
  });

  it('a Content-Length over maxBodyBytes is refused before reading: not one chunk is pulled', async () => {
    const url = await route({ maxBodyBytes: 1024 });
    const { status, written } = await flood(url, 64 * MB, { 'content-length': String(64 * MB) });
    expect(status).toBe(413);
    expect(written).toBeLessThan(8 * MB);
    let pulls = 0;
    const body = new ReadableStream({ pull: (controller) => (pulls++, controller.enqueue(new Uint8Array(1024))) }, { highWaterMark: 0 });
    const handler = createWebhookHandler({ secret: SECRET, onEvent: () => undefined, maxBodyBytes: 1024 });
    const headers = { 'content-length': String(64 * MB), 'x-iadvize-signature': sign('x') };
    const response = await handler(new Request(url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit));
    expect([response.status, pulls]).toEqual([413, 0]);
  });

  it('a request without a well-formed signature header is a 401 before any byte of its body is read', async () => {
    const url = await route();
    const { status } = await flood(url, 10 * MB, { 'x-iadvize-signature': 'sha256=nothex' });
    expect(status).toBe(401);
  });

  it('a body just under the cap, signed, is read and delivered', async () => {
    const url = await route();
    const padded = { ...closed(), note: 'x'.repeat(MB - 1000) };
    expect((await deliver(url, padded)).status).toBe(200);
  });
});

describe('bytes are verified before they are parsed', () => {
  it.each([
    ['not JSON', '{"eventId":'],
    ['a JSON array', '[1,2]'],
    ['a 100,000-deep nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ])('%s unsigned is a 401, signed a 400; onEvent never runs', async (_, body) => {
    const url = await route();
    expect((await deliver(url, body, { secret: 'guess' })).status).toBe(401);
    expect((await deliver(url, body)).status).toBe(400);
    expect(ctx.events).toEqual([]);
  });

  it.each([
    ['no eventId', { eventType: 'user.created' }],
    ['an eventId of 201 characters', { eventId: 'x'.repeat(201), eventType: 'user.created' }],
    ['an eventId with a control character', { eventId: 'a\nb', eventType: 'user.created' }],
    ['a numeric eventType', { eventId: 'a', eventType: 3 }],
    ['an eventType with spaces', { eventId: 'a', eventType: 'user created' }],
    ['an empty body', ''],
  ])('%s is a 400 invalid_payload', async (_, body) => {
    const url = await route();
    const answer = await deliver(url, body);
    expect([answer.status, answer.body.error]).toEqual([400, 'invalid_payload']);
  });

  it('a body that is not UTF-8 is a 400', async () => {
    const url = await route();
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const response = await fetch(url, { method: 'POST', headers: { 'x-iadvize-signature': sign(bytes) }, body: bytes });
    expect([response.status, ((await response.json()) as { message: string }).message]).toEqual([400, 'The body is not UTF-8']);
  });

  it('JSON nested 17 levels is a 400: nothing deeper than 16 reaches the site', async () => {
    const url = await route();
    const nest = (depth: number): object => (depth ? { a: nest(depth - 1) } : {});
    expect((await deliver(url, { ...closed(), deep: nest(14) })).status).toBe(200); // the event, then 15 objects: 16 levels
    expect((await deliver(url, { ...closed(), eventId: 'deeper', deep: nest(15) })).status).toBe(400);
  });

  it('__proto__, constructor and prototype keys are dropped at every level, and nothing is polluted', async () => {
    const url = await route();
    const text = JSON.stringify(closed()).replace(
      /^\{/,
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"extra":{"__proto__":{"polluted":1},"ok":1},',
    );
    expect((await deliver(url, text)).status).toBe(200);
    const event = ctx.events[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect([Object.keys(event).includes('__proto__'), 'constructor' in event && event.constructor !== Object, event.extra]).toEqual([
      false,
      false,
      { ok: 1 },
    ]);
    expect(Object.assign({}, event).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('eventType "toString" or "constructor" is an unknown type, not a row of the table', async () => {
    const url = await route();
    for (const eventType of ['toString', 'constructor', 'hasOwnProperty']) {
      expect((await deliver(url, fresh({ eventId: eventType, eventType }))).status).toBe(200);
    }
    expect(ctx.events.map((event) => event.known)).toEqual([false, false, false]);
  });
});

describe('replays: a captured signed event delivered again later', () => {
  it('an event sent longer ago than maxEventAgeMs, or more than 5 minutes ahead, is a 400 stale_event', async () => {
    const url = await route();
    const old = await deliver(url, closed(-61 * 60 * 1000));
    const ahead = await deliver(url, closed(6 * 60 * 1000));
    expect([old.status, old.body.error, ahead.status, ahead.body.error]).toEqual([400, 'stale_event', 400, 'stale_event']);
    expect((await deliver(url, closed(-59 * 60 * 1000))).status).toBe(200);
    expect(ctx.events).toHaveLength(1);
  });

  it('after the memory forgot an id (evicted here), the replay is refused by age', async () => {
    const url = await route({ store: memoryStore({ maxEntries: 1 }), maxEventAgeMs: 300 });
    const captured = closed();
    expect((await deliver(url, captured)).body.status).toBe('delivered');
    expect((await deliver(url, { ...closed(), eventId: 'other' })).body.status).toBe('delivered'); // evicts the first id
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await deliver(url, captured)).body.error).toBe('stale_event');
    expect(ctx.events.map((event) => event.eventId)).toEqual([captured.eventId, 'other']);
  });

  it('the memory holds what was delivered, never what was refused: unsigned floods cannot evict real ids', async () => {
    const store = memoryStore({ maxEntries: 2 });
    const url = await route({ store });
    const payload = closed();
    await deliver(url, payload);
    for (let i = 0; i < 50; i++) await deliver(url, { ...closed(), eventId: `forged-${i}` }, { secret: 'guess' });
    expect((await deliver(url, payload)).body.status).toBe('duplicate');
  });
});
