import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, expect } from 'vitest';
import { createWebhookHandler, toNodeListener, type WebhookEvent, type WebhookHandlerOptions } from '../../../src/server/index.js';

export const SECRET = 'whsec-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
export const OLD_SECRET = 'whsec-0a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** iAdvize's signature, computed here with node:crypto (not with the code under test): `sha256=` + hex HMAC. */
export function sign(data: string | Uint8Array, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(data).digest('hex')}`;
}

/** The current Paris time as the push API writes it: "2014-01-01 00:00:00". */
export function parisNow(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' }).format(new Date());
}

/** The handler's JSON answer: `status` once it took the event, `error` and `message` when it refused it. */
interface WebhookAnswer {
  status?: string;
  error?: string;
  message?: string;
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => (server.closeAllConnections(), new Promise((done) => server.close(done))))));

/** `handler` behind `toNodeListener` on 127.0.0.1: the URL to call it at. */
export async function serve(handler: (request: Request) => Promise<Response>, path = '/webhooks/iadvize'): Promise<string> {
  const listener = toNodeListener(handler);
  // The listener answers its own failures (a 500) and never rejects: nothing to catch here.
  const server = createServer((req, res) => void listener(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}

/**
 * A webhook route as a site runs it, with what its `onEvent` received and what it logged. Every
 * answer is checked for `Cache-Control: no-store` and for the absence of both secrets; so is the log.
 */
export function useWebhookRoute() {
  const ctx = { events: [] as WebhookEvent[], logged: [] as string[] };
  beforeEach(() => {
    ctx.events = [];
    ctx.logged = [];
  });
  afterAll(() => {
    for (const line of ctx.logged) expect(line).not.toMatch(/whsec-/);
  });

  function route(options: Partial<WebhookHandlerOptions> = {}): Promise<string> {
    return serve(
      createWebhookHandler({
        secret: SECRET,
        onEvent: (event) => void ctx.events.push(event),
        log: (line) => ctx.logged.push(line),
        ...options,
      }),
    );
  }

  /** POSTs `body` (an object is sent as compact JSON) signed with `secret`, or with the headers given. */
  async function deliver(
    url: string,
    body: string | object,
    init: { secret?: string; headers?: Record<string, string>; method?: string } = {},
  ) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { 'content-type': 'application/json', 'x-iadvize-signature': sign(text, init.secret), ...init.headers };
    const response = await fetch(url, { method: init.method ?? 'POST', headers, body: text });
    const answer = await response.text();
    expect(answer).not.toMatch(/whsec-/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return { status: response.status, body: (answer ? JSON.parse(answer) : null) as WebhookAnswer }; // null: no body, never read
  }

  return { ctx, route, deliver };
}
