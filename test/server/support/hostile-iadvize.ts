import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { V1_SEED_RECORD, V2_SEED_CONVERSATION, V2_SEED_HISTORY } from '../../fixtures/histories.js';

export const API_KEY = 'sk-secret-7f3a9c';
export const MB = 1024 * 1024;

/** A server on 127.0.0.1 that keeps every request it gets and the life of every connection. */
export interface LocalServer {
  url: string;
  requests: IncomingMessage[];
  /** When each request's connection closed (ms since the epoch), by chat id or path. */
  closedAt: Map<string, number>;
  /** Bytes written per chat id before the connection closed. */
  written: Map<string, number>;
  /** Names the connection of `req` by the chat id it serves, for `closedAt`. */
  tag(req: IncomingMessage, chatId: string): void;
  close(): Promise<void>;
}

export async function listen(handle: (req: IncomingMessage, res: ServerResponse, server: LocalServer) => void): Promise<LocalServer> {
  const server: Server = createServer((req, res) => handle(req, res, local));
  const sockets = new Map<Socket, string>();
  server.on('connection', (socket) => {
    sockets.set(socket, '');
    socket.on('close', () => {
      local.closedAt.set(sockets.get(socket)!, Date.now());
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const local: LocalServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: [],
    closedAt: new Map(),
    written: new Map(),
    tag: (req, chatId) => sockets.set(req.socket, chatId),
    close: () => {
      for (const socket of sockets.keys()) socket.destroy();
      return new Promise((done) => server.close(() => done()));
    },
  };
  return local;
}

/** A body of `size` bytes that is valid JSON: one conversation with many long visitor messages. */
function* hugeConversation(chatId: string, size: number): Generator<string> {
  yield `{"meta":{"status":"success"},"data":{"id":${chatId},"history":[`;
  const entry = JSON.stringify([2, '2016-02-16 11:24:23', 'x'.repeat(1000), 1455618264049]);
  for (let sent = 0; sent < size; sent += entry.length + 1) yield `${sent ? ',' : ''}${entry}`;
  yield ']}}';
}

/** Writes `chunks` as fast as the reader takes them, counting bytes, until the reader goes away. */
function stream(res: ServerResponse, chatId: string, server: LocalServer, chunks: Iterator<string>): void {
  let written = 0;
  const pump = () => {
    for (let next = chunks.next(); !next.done; next = chunks.next()) {
      written += next.value.length;
      server.written.set(chatId, written);
      if (!res.write(next.value)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

/** 50 MB of valid JSON (leading spaces) that travels as about 50 KB of gzip. */
let bomb: Buffer | undefined;
const gzipBomb = () =>
  (bomb ??= gzipSync(
    Buffer.concat([Buffer.alloc(50 * MB, ' '), Buffer.from('{"meta":{"status":"success"},"data":{"id":62,"history":[]}}')]),
  ));

/** A body that starts well and never ends: a byte every 10 ms. */
function trickle(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' }).write('{"meta":{"status":"success"},"data":{"id":51,"history":"');
  const timer = setInterval(() => res.write('a'), 10);
  res.once('close', () => clearInterval(timer));
}

/** Scenarios by chat id: what a broken, slow, malicious or merely surprising iAdvize could answer. */
function scenario(chatId: string, res: ServerResponse, server: LocalServer, elsewhere: string): void {
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const record = (data: object) => send(200, { meta: { status: 'success' }, data });
  const redirect = /^30[12378]$/.exec(chatId);
  chatId = chatId.replace(/^0+(?=\d)/, ''); // ids are numbers to iAdvize
  if (redirect) return send(Number(chatId), { moved: true }, { location: `${elsewhere}/api/2/conversation/${chatId}?key=${API_KEY}` });
  switch (chatId) {
    case '666':
      return send(200, V2_SEED_CONVERSATION);
    case '427437':
      return record(V1_SEED_RECORD);
    case '500':
      return send(500, { meta: { status: 'error', message: `Internal error for key ${API_KEY}` } });
    case '777':
      return send(200, '<html>maintenance</html>');
    case '888':
      return void setTimeout(() => send(200, V2_SEED_CONVERSATION), 1500);
    case '999':
      return record({ id: 999 });
    case '50':
      return stream(res.writeHead(200, { 'content-type': 'application/json' }), chatId, server, hugeConversation(chatId, 50 * MB));
    case '51':
      return trickle(res);
    case '52':
      return; // never answers
    case '53':
      return record({
        id: 53,
        history: [
          [2, '2016-02-16 11:24:23', `my key is ${API_KEY}!`],
          [5, '2016-02-16 11:24:24', `https://x/?key=${encodeURIComponent(API_KEY)}`],
        ],
      });
    case '54':
      return record({ id: API_KEY, history: V2_SEED_HISTORY });
    case '55':
      return record({ id: 55, visitor_uid: 'c8db748bfb239a3ad005f99014bdc0824f8c088890cc8', history: V2_SEED_HISTORY });
    case '57':
      return record({
        id: 57,
        history: Array.from({ length: 1500 }, (_, i) => [2, '2016-02-16 11:24:23', `${i} ${'é'.repeat(i % 100 === 99 ? 5000 : 100)}`]),
      });
    case '58':
      return record({
        id: 58,
        history: '16/02/2016 11:24:23 - Visitor: Hello\n16/02/2016 11:24:43 - Operator: Hello, how can I help you?',
      });
    case '62':
      return void res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipBomb());
    case '60':
      return void res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * MB) }).write('{');
    default:
      return send(200, { meta: { status: 'fail', message: 'Conversation not found' } });
  }
}

/**
 * A hostile stand-in of iAdvize: the documented routes (v2 `conversation.json-unicode/:id?formatHistory=0`
 * with `X-API-Key`, v1.7 `getHistoryByID` with `key`), checked like the real API; any other v2 call
 * gets a formatted-text history, as iAdvize's docs warn. `elsewhere` is where its redirects point.
 */
export function hostileIadvize(elsewhere: () => string): Promise<LocalServer> {
  return listen((req, res, server) => {
    server.requests.push(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const v2 = /^\/api\/2\/conversation(\.json-unicode)?\/(\d+)$/.exec(url.pathname);
    const chatId = v2 ? v2[2] : (url.searchParams.get('chatid') ?? '');
    server.tag(req, chatId);
    const key = v2 ? req.headers['x-api-key'] : url.searchParams.get('key');
    if (key !== API_KEY)
      return void res.writeHead(403).end(JSON.stringify({ meta: { status: 'error', message: `Forbidden: ${String(key)}` } }));
    if (v2 && !(v2[1] && url.searchParams.get('formatHistory') === '0')) {
      return void res.end(
        JSON.stringify({ meta: { status: 'success' }, data: { id: Number(chatId), history: '16/02/2016 11:24:23 Visitor: Hello' } }),
      );
    }
    if (!v2 && url.pathname !== '/api/chat_history/getHistoryByID/') return void res.writeHead(404).end('{"meta":{"status":"fail"}}');
    scenario(chatId, res, server, elsewhere());
  });
}
