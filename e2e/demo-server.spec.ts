import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from './browser.js';
// @ts-expect-error: plain ESM module without types
import { DEMO_API_KEY, MOCK_LIMITS } from '../demo/iadvize-mock.mjs';
// @ts-expect-error: plain ESM module without types
import { MAX_BODY_BYTES } from '../demo/chat-record-route.mjs';

let server: Served;
beforeAll(async () => {
  server = await serve();
});
afterAll(() => server.close());

const VISITOR = 'vuid-simulated-visitor';
const post = (chatId: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/demo-chats/${chatId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const record = async (chatId: string, from: string, text: string) => expect((await post(chatId, { from, text })).status).toBe(204);
/** The conversation as iAdvize's v2 API answers it, from the stand-in. */
const conversation = async (chatId: string) => {
  const response = await fetch(`${server.url}/mock-iadvize/api/2/conversation.json-unicode/${chatId}?formatHistory=0`, {
    headers: { 'x-api-key': DEMO_API_KEY },
  });
  return (await response.json()).data;
};
const transcript = async (chatId: string) =>
  (await fetch(`${server.url}/api/iadvize-history?chatId=${chatId}&visitorId=${VISITOR}`)).json();
const SAMPLE_FIRST_TEXT = 'http://127.0.0.1/demo/';

describe('the demo route that records what the widget showed', () => {
  it('keeps a chat in iAdvize v2 shape (a string of records) that the history proxy reads back as typed', async () => {
    await record('4242', 'navigation', 'http://127.0.0.1:5178/demo/');
    const typed = `Size 44? "],[1,"2024-01-01 00:00:00","fake agent"],[2," <b>é</b> 🥾 ${'x'.repeat(900)}`;
    await record('4242', 'visitor', typed);
    await record('4242', 'operator', 'Yes, in stock.');
    const data = await conversation('4242');
    expect(data).toMatchObject({ id: 4242, visitor_uid: VISITOR, channel: 'chat' });
    expect(typeof data.history).toBe('string');
    const records = JSON.parse(`[${data.history}]`);
    expect(records.map((r: unknown[]) => [r[0], r[2]])).toEqual([
      [5, 'http://127.0.0.1:5178/demo/'],
      [2, typed],
      [1, 'Yes, in stock.'],
    ]);
    for (const [, date, , epochMs] of records) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(Math.abs(Date.now() - epochMs)).toBeLessThan(60_000);
    }
    const read = await transcript('4242');
    expect(read.entries.map((entry: { from: string; text: string }) => `${entry.from}: ${entry.text}`)).toEqual([
      'navigation: http://127.0.0.1:5178/demo/',
      `visitor: ${typed}`,
      'operator: Yes, in stock.',
    ]);
  });

  it('a chat id met again is a new chat; a chat it never saw answers the sample', async () => {
    await record('77', 'navigation', 'http://127.0.0.1/demo/');
    await record('77', 'visitor', 'first page load');
    await record('77', 'navigation', 'http://127.0.0.1/demo/');
    expect(JSON.parse(`[${(await conversation('77')).history}]`)).toHaveLength(1);
    expect(JSON.parse(`[${(await conversation('78')).history}]`)[0][2]).toBe(SAMPLE_FIRST_TEXT);
  });

  it(`keeps ${MOCK_LIMITS.conversations} chats of ${MOCK_LIMITS.records} records at most, dropping the oldest`, async () => {
    await record('500', 'navigation', 'http://127.0.0.1/demo/');
    for (let i = 1; i <= MOCK_LIMITS.records; i++) await record('500', 'visitor', `message ${i}`);
    const kept = JSON.parse(`[${(await conversation('500')).history}]`);
    expect(kept).toHaveLength(MOCK_LIMITS.records);
    expect([kept[0][2], kept.at(-1)[2]]).toEqual(['message 1', `message ${MOCK_LIMITS.records}`]);
    for (let chat = 501; chat <= 500 + MOCK_LIMITS.conversations; chat++)
      await record(String(chat), 'navigation', 'http://127.0.0.1/demo/');
    expect(JSON.parse(`[${(await conversation('500')).history}]`)[0][2]).toBe(SAMPLE_FIRST_TEXT);
    expect((await post('500', { from: 'visitor', text: 'late' })).status).toBe(404);
    expect(JSON.parse(`[${(await conversation('501')).history}]`)).toHaveLength(1);
  });

  it('answers hostile requests with a clear 4xx and records nothing', async () => {
    await record('900', 'navigation', 'http://127.0.0.1/demo/');
    const tooLong = 'x'.repeat(MOCK_LIMITS.textLength + 1);
    const cases: Array<[string, () => Promise<Response>, number, string]> = [
      ['GET', () => fetch(`${server.url}/api/demo-chats/900/messages`), 405, 'method_not_allowed'],
      ['another site', () => post('900', { from: 'visitor', text: 'hi' }, { 'sec-fetch-site': 'cross-site' }), 403, 'forbidden'],
      ['a sibling subdomain', () => post('900', { from: 'visitor', text: 'hi' }, { 'sec-fetch-site': 'same-site' }), 403, 'forbidden'],
      ['letters in the id', () => post('12x', { from: 'visitor', text: 'hi' }), 400, 'invalid_chat_id'],
      ['a leading zero', () => post('0900', { from: 'visitor', text: 'hi' }), 400, 'invalid_chat_id'],
      ['13 digits', () => post('1234567890123', { from: 'visitor', text: 'hi' }), 400, 'invalid_chat_id'],
      ['an encoded path', () => post('..%2F900', { from: 'visitor', text: 'hi' }), 400, 'invalid_chat_id'],
      ['another path', () => post('900/messages/x', { from: 'visitor', text: 'hi' }), 404, 'not_found'],
      ['text/plain', () => post('900', { from: 'visitor', text: 'hi' }, { 'content-type': 'text/plain' }), 415, 'json_only'],
      [`${MAX_BODY_BYTES + 1} bytes`, () => post('900', `{"from":"visitor","text":"${'x'.repeat(MAX_BODY_BYTES)}"}`), 413, 'too_large'],
      [
        'no length (chunked)',
        () => fetch(`${server.url}/api/demo-chats/900/messages`, chunked('{"from":"visitor","text":"hi"}')),
        411,
        'length_required',
      ],
      ['not JSON', () => post('900', '{"from":'), 400, 'invalid_message'],
      ['null', () => post('900', 'null'), 400, 'invalid_message'],
      ['a list', () => post('900', '[["visitor","hi"]]'), 400, 'invalid_message'],
      ['a number as text', () => post('900', { from: 'visitor', text: 42 }), 400, 'invalid_message'],
      ['an unknown sender', () => post('900', { from: 'system', text: 'hi' }), 400, 'invalid_message'],
      ['an inherited name', () => post('900', { from: 'constructor', text: 'hi' }), 400, 'invalid_message'],
      ['blank text', () => post('900', { from: 'visitor', text: ' \n ' }), 400, 'invalid_message'],
      [`${tooLong.length} characters`, () => post('900', { from: 'visitor', text: tooLong }), 400, 'invalid_message'],
      ['a javascript: page', () => post('900', { from: 'navigation', text: 'javascript:alert(1)' }), 400, 'invalid_message'],
      ['a page that is no URL', () => post('900', { from: 'navigation', text: 'not a url' }), 400, 'invalid_message'],
      ['a chat never started', () => post('901', { from: 'visitor', text: 'hi' }), 404, 'unknown_chat'],
    ];
    const answers = [];
    for (const [name, send, status, error] of cases) {
      const response = await send();
      answers.push({ name, status: response.status, error: (await response.json()).error });
      expect.soft(answers.at(-1)).toEqual({ name, status, error });
    }
    expect(JSON.parse(`[${(await conversation('900')).history}]`)).toHaveLength(1);
    expect(JSON.parse(`[${(await conversation('901')).history}]`)[0][2]).toBe(SAMPLE_FIRST_TEXT);
  });
});

function chunked(body: string): RequestInit {
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(body));
      controller.close();
    },
  });
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit;
}

describe('the demo server', () => {
  it('answers 404 for what it does not serve, a malformed escape included, and keeps serving', async () => {
    for (const path of ['/demo/nope', '/demo/%E0', '/demo/%', '/package.json']) {
      expect({ path, status: (await fetch(`${server.url}${path}`)).status }).toEqual({ path, status: 404 });
    }
    expect((await fetch(`${server.url}/demo/`)).status).toBe(200);
  });

  it('serves the SPA page for its routes, and only there', async () => {
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      return { path, status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    for (const path of ['/demo/spa/shoes', '/demo/spa/', '/demo/spa/a/b']) {
      const answer = await get(path);
      expect({ path, status: answer.status, type: answer.type, spa: answer.body.includes('Peak Outfitters SPA') }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
        spa: true,
      });
    }
    for (const path of ['/demo/spa/app.js', '/demo/spa/shoes.html', '/demo/spax', '/spa/shoes']) {
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
    }
  });

  it('serves the tag simulator at the tag path, for the one-tag page', async () => {
    const response = await fetch(`${server.url}/demo/iadvize.js`);
    const body = await response.text();
    expect({ status: response.status, type: response.headers.get('content-type'), simulator: body.includes('iAdvizeSimulator') }).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      simulator: true,
    });
  });
});
