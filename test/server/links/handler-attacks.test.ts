// @vitest-environment node
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createHistoryHandler,
  createLinkHandler,
  memoryStore,
  type KeyValueStore,
  type LinkHandlerOptions,
} from '../../../src/server/index.js';
import { degradedLog } from '../../../src/server/http/log.js';
import { refusedOriginLog } from '../../../src/server/links/refused-origins.js';

const URL_ = 'http://127.0.0.1:8080/api/chat-link';
type Options = Partial<LinkHandlerOptions> & { headers?: Record<string, string> };
/** A link handler called in process (the HTTP path is covered elsewhere); `post(sessionKey)` links a new conversation. */
function route({ headers = {}, ...options }: Options = {}) {
  const logged: string[] = [];
  const sessions: string[] = [];
  const handler = createLinkHandler({
    store: memoryStore(),
    authorize: () => sessions.shift() ?? true,
    log: (line) => void logged.push(line),
    ...options,
  });
  const post = async (sessionKey?: string, extra: Record<string, string> = {}) => {
    if (sessionKey !== undefined) sessions.push(sessionKey);
    const body = JSON.stringify({ conversationId: randomUUID(), clientId: '1234567890.1712345678' });
    return (await handler(new Request(URL_, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers, ...extra }, body })))
      .status;
  };
  return { post, logged };
}
/** `store` with every call counted by name. */
function counted(store: KeyValueStore) {
  const calls = { get: 0, set: 0, add: 0, delete: 0 };
  const counting: KeyValueStore = {
    get: (k) => (calls.get++, store.get(k)),
    set: (k, v, t) => (calls.set++, store.set(k, v, t)),
    add: (k, v, t) => (calls.add++, store.add(k, v, t)),
    delete: (k) => (calls.delete++, store.delete(k)),
  };
  return {
    store: counting,
    calls,
    total: () => calls.get + calls.set + calls.add + calls.delete,
    reset: () => Object.keys(calls).forEach((k) => (calls[k as keyof typeof calls] = 0)),
  };
}

describe('the session cap holds against a store that forgets or is written out of order', () => {
  it('memoryStore: other sessions filling the session-count bound never reset a capped session (refused instead)', async () => {
    const store = memoryStore({ maxEntries: 100 });
    const { post } = route({ store, linksPerSession: 3 });
    const first: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      for (let i = 0; i < 4; i++) first.push(await post('session-0'));
      for (let other = 1; other <= 40; other++) for (let i = 0; i < 4; i++) await post(`session-${other}`);
    }
    expect(first.filter((status) => status === 204)).toHaveLength(3);
    expect(first.slice(3).every((status) => status === 429 || status === 503)).toBe(true);
  });

  it('a count written below the cap (late, out of order) is repaired: past the cap a request costs one get again', async () => {
    const memory = memoryStore();
    const counts = new Set<string>();
    const { store, calls, reset } = counted({
      ...memory,
      set: (k, v, t) => (/^session:[^:]+:\d+$/.test(k) && counts.add(k), memory.set(k, v, t)),
    });
    const { post } = route({ store, linksPerSession: 5 });
    for (let i = 0; i < 5; i++) expect(await post('visitor')).toBe(204);
    // The first request's write of the count lands last, as it can with concurrent requests on a distant store.
    for (const count of counts) await memory.set(count, '1', 60_000);
    expect(await post('visitor')).toBe(429);
    reset();
    for (let i = 0; i < 10; i++) expect(await post('visitor')).toBe(429);
    expect(calls).toEqual({ get: 10, set: 0, add: 0, delete: 0 });
  });
});

describe('session keys in the store', () => {
  it('are an HMAC with a random salt kept in the store: the SHA-256 of a user id finds nothing, and two instances share the cap', async () => {
    const store = memoryStore();
    const keys: string[] = [];
    const spy: KeyValueStore = { ...store, add: (k, v, t) => (keys.push(k), store.add(k, v, t)) };
    const a = route({ store: spy, linksPerSession: 2 });
    const b = route({ store: spy, linksPerSession: 2 });
    expect([await a.post('48213'), await b.post('48213'), await a.post('48213')]).toEqual([204, 204, 429]);
    const sha = createHash('sha256').update('48213').digest().subarray(0, 16).toString('base64url');
    expect(keys.some((key) => key.startsWith('session:'))).toBe(true);
    expect(keys.filter((key) => key.includes(sha))).toEqual([]);
    expect(new Set(keys.filter((key) => key.startsWith('salt:'))).size).toBe(1);
    // Another store, another salt: the same user id gives another key.
    const other: string[] = [];
    const c = route({
      store: {
        ...memoryStore(),
        add(k) {
          other.push(k);
          return true;
        },
      },
      linksPerSession: 2,
    });
    await c.post('48213');
    const session = (list: string[]) => list.find((key) => key.startsWith('session:'))!.split(':')[1];
    expect(session(other)).not.toBe(session(keys));
  });
});

describe('logs stay bounded when the site is degraded', () => {
  it('degradedLog: the first line, then at most one a minute with how many were left out', () => {
    let now = 0;
    const lines: string[] = [];
    const say = degradedLog(
      (line) => void lines.push(line),
      () => now,
    );
    for (let i = 0; i < 300; i++, now += 100) say(`failure ${i}`);
    expect(lines).toEqual(['failure 0']);
    now = 60_000;
    say('failure 300');
    expect(lines).toEqual(['failure 0', 'failure 300 (299 more like it not logged since the last line)']);
  });

  it('300 requests against a failing store log one line; 500 requests whose authorize throws log one line', async () => {
    const failing = route({
      store: {
        ...memoryStore(),
        add: () => {
          throw new Error('READONLY');
        },
      },
    });
    for (let i = 0; i < 300; i++) expect(await failing.post('visitor')).toBe(503);
    expect(failing.logged).toEqual([expect.stringContaining('the store failed: Error: READONLY')]);
    const throwing = route({
      authorize: () => {
        throw new Error('bad cookie');
      },
    });
    for (let i = 0; i < 500; i++) expect(await throwing.post()).toBe(500);
    expect(throwing.logged).toEqual([expect.stringContaining('authorize() threw Error: bad cookie')]);
  });
});

describe('the history proxy', () => {
  it('500 requests whose authorize throws log one line', async () => {
    const logged: string[] = [];
    const handler = createHistoryHandler({
      apiKey: 'k'.repeat(32),
      authorize: () => {
        throw new Error('bad cookie');
      },
      log: (line) => void logged.push(line),
    });
    for (let i = 0; i < 500; i++) expect((await handler(new Request('http://127.0.0.1/api/history?chatId=666'))).status).toBe(500);
    expect(logged).toEqual([expect.stringContaining('authorize() threw Error: bad cookie')]);
  });

  it('a request without Origin that another site sent (Sec-Fetch-Site: cross-site) is a 403 before authorize runs', async () => {
    let asked = 0;
    const handler = createHistoryHandler({ apiKey: 'k'.repeat(32), authorize: () => (asked++, false), log: () => undefined });
    const status = async (site: string) =>
      (await handler(new Request('http://127.0.0.1/api/history?chatId=666', { headers: { 'sec-fetch-site': site } }))).status;
    expect([await status('cross-site'), await status('same-origin')]).toEqual([403, 403]);
    expect(asked).toBe(1);
  });
});

describe('refused origins', () => {
  it("25 hostile origins first, then the site's own https origin behind a proxy: its line (set publicOrigin) is still logged", async () => {
    const { post, logged } = route();
    for (let i = 0; i < 25; i++) expect(await post(undefined, { origin: `https://evil-${i}.example` })).toBe(403);
    expect(await post(undefined, { origin: 'https://127.0.0.1:8080' })).toBe(403);
    expect(logged.filter((line) => line.includes("set publicOrigin: 'https://127.0.0.1:8080'"))).toHaveLength(1);
  });

  it('the budget is per hour: the next hour logs again, and says how many were left out', () => {
    let now = 0;
    const lines: string[] = [];
    const refused = refusedOriginLog(
      (line) => void lines.push(line),
      ['https://shop.example'],
      () => now,
    );
    const from = (origin: string) => new Request('http://127.0.0.1/api/chat-link', { method: 'POST', headers: { origin } });
    for (let i = 0; i < 30; i++) refused(from(`https://evil-${i}.example`));
    expect(lines).toHaveLength(21);
    now = 60 * 60 * 1000;
    refused(from('https://evil-0.example'));
    expect(lines.slice(21)).toEqual([
      '9 more refused origins were not logged in the last hour',
      expect.stringContaining('https://evil-0.example'),
    ]);
  });

  it('a POST without Origin that the browser says another site sent (Sec-Fetch-Site: cross-site) is a 403', async () => {
    const { post, logged } = route();
    expect(await post(undefined, { 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await post(undefined, { 'sec-fetch-site': 'same-origin' })).toBe(204);
    expect(await post(undefined)).toBe(204);
    expect(logged.filter((line) => line.includes('Sec-Fetch-Site: cross-site'))).toHaveLength(1);
  });

  it('a wildcard publicOrigin or allowedOrigins is a TypeError naming it: origins are compared exactly', () => {
    expect(() => route({ publicOrigin: 'https://*.shop.example' })).toThrow(
      /"https:\/\/\*\.shop\.example" is a pattern.*'https:\/\/shop\.example'/,
    );
    expect(() => route({ allowedOrigins: ['https://*.partner.example'] })).toThrow(/allowedOrigins.*is a pattern/);
  });
});
