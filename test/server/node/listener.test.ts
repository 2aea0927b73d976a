// @vitest-environment node
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createHistoryHandler, createWebhookHandler, toNodeListener } from '../../../src/server/index.js';
import { readCapped } from '../../../src/server/http/read-capped.js';

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => (server.closeAllConnections(), new Promise((done) => server.close(done))))));

/** `handler` behind `toNodeListener` on 127.0.0.1; `seen` holds every Request that reached it. */
async function serve(handler: (request: Request) => Promise<Response> | Response) {
  const seen: Request[] = [];
  const listener = toNodeListener(async (request) => (seen.push(request), handler(request)));
  // The listener answers its own failures (a 500) and never rejects: nothing to catch here.
  const server = createServer((req, res) => void listener(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

/** Bytes as written on the wire, so malformed requests reach the server as an attacker sends them. */
function raw(port: number, text: string): Promise<{ head: string; body: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (chunk) => (out += chunk.toString()));
    socket.on('close', () => {
      const [head = '', ...rest] = out.split('\r\n\r\n');
      let body = rest.join('\r\n\r\n');
      if (/transfer-encoding: chunked/i.test(head))
        body = body
          .split('\r\n')
          .filter((_, i) => i % 2)
          .join('');
      resolve({ head, body });
    });
    setTimeout(() => socket.end(), 300);
  });
}

const echo = async (request: Request) =>
  Response.json({ method: request.method, url: request.url, body: request.body ? (await request.text()).length : null });

describe('toNodeListener refuses bad input itself, never with a 500', () => {
  it('TRACE is a 405 the handler never sees (the Request constructor would throw)', async () => {
    const { port, seen } = await serve(echo);
    const { head, body } = await raw(port, 'TRACE /history HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1.1 405 /);
    expect(head).toMatch(/cache-control: no-store/i);
    expect(JSON.parse(body)).toEqual({ error: 'method_not_allowed', message: 'This method is not supported' });
    expect(seen).toEqual([]);
  });

  it.each(['a b', '[::1', 'a:99999999', 'a:99999', 'a@b', 'a/b', 'a?b'])('Host %j is a 400', async (host) => {
    const { port, seen } = await serve(echo);
    const { head } = await raw(port, `GET /history?chatId=1 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(head).toMatch(/^HTTP\/1.1 400 [^]*cache-control: no-store/i);
    expect(seen).toEqual([]);
  });

  it('a target that is not a path (OPTIONS *) is a 400', async () => {
    const { port } = await serve(echo);
    expect((await raw(port, 'OPTIONS * HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')).head).toMatch(/^HTTP\/1.1 400 /);
  });

  it('a path starting with // stays a path; absolute-form and HTTP/1.0 without Host are understood', async () => {
    const { port, seen } = await serve(echo);
    await raw(port, 'GET //evil.example/x HTTP/1.1\r\nHost: shop.example\r\nConnection: close\r\n\r\n');
    await raw(port, 'GET http://shop.example/abs?q=1 HTTP/1.1\r\nHost: other\r\nConnection: close\r\n\r\n');
    await raw(port, 'GET /old HTTP/1.0\r\n\r\n');
    expect(seen.map((request) => request.url)).toEqual([
      'http://shop.example//evil.example/x',
      'http://shop.example/abs?q=1',
      'http://localhost/old',
    ]);
  });

  it('a handler that throws, or returns no Response, is a 500 with no-store', async () => {
    for (const handler of [() => Promise.reject(new Error('bug')), () => 'text' as unknown as Response]) {
      const { port } = await serve(handler);
      const response = await fetch(`http://127.0.0.1:${port}/`);
      expect([response.status, response.headers.get('cache-control'), await response.json()]).toEqual([
        500,
        'no-store',
        { error: 'internal_error', message: 'The handler failed' },
      ]);
    }
  });

  it('other methods reach the handler, which decides', async () => {
    const { port } = await serve(echo);
    const response = await fetch(`http://127.0.0.1:${port}/x`, { method: 'PROPFIND' });
    expect(((await response.json()) as { method: string }).method).toBe('PROPFIND');
  });
});

describe('toNodeListener says what is wrong with its handler', () => {
  it('anything but a handler is a TypeError where it is made, naming the fix', () => {
    expect(() => toNodeListener(null as never)).toThrow(
      /toNodeListener\(\): takes a handler \(request: Request\) => Promise<Response>, got null/,
    );
    expect(() => toNodeListener('x' as never)).toThrow(/got string/);
    expect(() => toNodeListener(createHistoryHandler as never)).toThrow(
      /got the factory createHistoryHandler itself; call it: toNodeListener\(createHistoryHandler\(\{ \.\.\. \}\)\)/,
    );
    expect(() => toNodeListener(createWebhookHandler as never)).toThrow(/call it: toNodeListener\(createWebhookHandler\(/);
    expect(() => toNodeListener(async () => new Response(), { log: 'yes' } as never)).toThrow(/`log` must be a function/);
    // The site's own handler may be named like a factory: only ours are taken for one.
    const createReply = async () => new Response('ok');
    expect(() => toNodeListener(createReply)).not.toThrow();
  });

  it('a handler that throws or answers no Response is logged once, then counted, never with its secret', async () => {
    const secret = 'sk_live_4f9a8b7c6d5e4f3a2b1c0d9e';
    const lines: string[] = [];
    const handlers = [() => Promise.reject(new Error(`upstream refused ${secret}`)), () => 'text' as unknown as Response];
    for (const handler of handlers) {
      const listener = toNodeListener(handler as never, { log: (line) => lines.push(line) });
      const server = createServer((req, res) => void listener(req, res));
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      for (let i = 0; i < 10; i++) expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(500);
    }
    expect(lines).toEqual([
      'iadvize-bridge toNodeListener: the handler failed (it threw Error: upstream refused [redacted]); answered 500 internal_error. Later failures are counted',
      'iadvize-bridge toNodeListener: the handler has failed 10 times (the last: it threw Error: upstream refused [redacted])',
      'iadvize-bridge toNodeListener: the handler failed (it answered string, not a Response); answered 500 internal_error. Later failures are counted',
      'iadvize-bridge toNodeListener: the handler has failed 10 times (the last: it answered string, not a Response)',
    ]);
  });
});

describe('toNodeListener streams request bodies', () => {
  it('POST bodies arrive whole, as a stream; GET and HEAD never get one', async () => {
    const { port } = await serve(echo);
    const big = 'x'.repeat(5 * 1024 * 1024);
    expect(await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: big })).json()).toMatchObject({ body: big.length });
    const get = await new Promise<string>((resolve) => {
      const client = httpRequest({ port, host: '127.0.0.1', method: 'GET', headers: { 'content-length': '5' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
      });
      client.end('hello');
    });
    expect((JSON.parse(get) as { body: unknown }).body).toBeNull();
  });

  it('a handler that stops reading past a cap answers 413, and the connection closes after it', async () => {
    const { port } = await serve(async (request) => {
      const read = await readCapped(request.body, { maxBytes: 64 * 1024 });
      return read.ok ? new Response('ok') : Response.json({ error: read.reason }, { status: 413 });
    });
    const answer = await new Promise<{ status?: number; connection?: string }>((resolve) => {
      const client = httpRequest({ port, host: '127.0.0.1', method: 'POST' }, (res) =>
        resolve({ status: res.statusCode, connection: res.headers.connection }),
      );
      client.on('error', () => undefined);
      client.write(Buffer.alloc(1024 * 1024));
    });
    expect(answer).toEqual({ status: 413, connection: 'close' });
  });

  it('a body the handler never reads closes the connection after the answer, instead of stalling the client', async () => {
    const { port } = await serve(() => Response.json({ error: 'unauthorized' }, { status: 401 }));
    const chunk = Buffer.alloc(64 * 1024);
    let written = 0;
    const outcome = await new Promise<{ status?: number; connection?: string; closed: boolean }>((resolve) => {
      let answer: { status?: number; connection?: string } = {};
      const client = httpRequest(
        { port, host: '127.0.0.1', method: 'POST' },
        (res) => ((answer = { status: res.statusCode, connection: res.headers.connection }), res.resume()),
      );
      client.on('error', () => undefined).on('close', () => resolve({ ...answer, closed: true }));
      const pump = () => {
        while (written < 20 * 1024 * 1024) {
          written += chunk.length;
          if (!client.write(chunk)) return void client.once('drain', pump);
        }
        client.end();
      };
      pump();
      setTimeout(() => resolve({ ...answer, closed: false }), 2000);
    });
    expect(outcome).toEqual({ status: 401, connection: 'close', closed: true });
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });
});

describe('toNodeListener streams responses and follows the client', () => {
  it('request.signal aborts as soon as the client goes away', async () => {
    let abortedAt = 0;
    const { port } = await serve(
      (request) =>
        new Promise((resolve) =>
          request.signal.addEventListener('abort', () => {
            abortedAt = Date.now();
            resolve(new Response('late'));
          }),
        ),
    );
    const client = httpRequest({ port, host: '127.0.0.1' });
    client.on('error', () => undefined).end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const left = Date.now();
    client.destroy();
    await expect.poll(() => abortedAt, { timeout: 1000, interval: 5 }).toBeGreaterThan(0);
    expect(abortedAt - left).toBeLessThan(100);
  });

  it('honours backpressure: a client that stops reading stops the producer; leaving cancels it', async () => {
    let produced = 0;
    let cancelled = false;
    const chunk = new Uint8Array(64 * 1024);
    const { port } = await serve(
      () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              produced += chunk.byteLength;
              controller.enqueue(chunk);
              if (produced >= 64 * 1024 * 1024) controller.close();
            },
            cancel() {
              cancelled = true;
            },
          }),
        ),
    );
    const client = httpRequest({ port, host: '127.0.0.1' }, (res) => res.pause());
    client.on('error', () => undefined).end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const whilePaused = produced;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(produced).toBe(whilePaused); // stalled, not buffering without end
    expect(produced).toBeLessThan(16 * 1024 * 1024);
    client.destroy();
    await expect.poll(() => cancelled, { timeout: 1000 }).toBe(true);
  });

  it('HEAD gets headers only; several Set-Cookie headers stay apart', async () => {
    const { port } = await serve(() => {
      const headers = new Headers([
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['x-test', 'yes'],
      ]);
      return new Response('body', { headers });
    });
    const head = await raw(port, 'HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    expect(head.body).toBe('');
    expect(head.head).toMatch(/set-cookie: a=1\r\nset-cookie: b=2/i);
    expect(head.head).toMatch(/x-test: yes/i);
  });

  it('a body that fails midway cuts the connection, so the client cannot take it for a whole one', async () => {
    const { port } = await serve(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"partial":'));
              setTimeout(() => controller.error(new Error('source failed')), 20);
            },
          }),
        ),
    );
    await expect(fetch(`http://127.0.0.1:${port}/`).then((response) => response.text())).rejects.toThrow();
  });
});
