import { degradedLog, errorText, logger, warn } from '../http/log.js';
import { errorResponse } from '../http/responses.js';
import { requestBody, type NodeBody } from './request-body.js';
import { optionChecks } from '../http/options.js';
import { REDACTED } from '../http/redact.js';
import { checkKnownOptions } from '../../shared/known-options.js';

/** The parts of Node's `IncomingMessage` and `ServerResponse` this adapter uses (no @types/node needed). */
interface NodeRequest extends NodeBody {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket says `encrypted: true`. */
  socket?: unknown;
}
interface NodeResponse {
  statusCode: number;
  readonly writableFinished: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  destroy(): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/** Methods the `Request` constructor refuses: no web-standard handler can ever be asked them. */
const UNSUPPORTED_METHODS = ['CONNECT', 'TRACE', 'TRACK'];
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HOST = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The request's URL, or undefined when its target or Host header is malformed (HTTP/1.0 may omit Host). */
function urlOf(req: NodeRequest): URL | undefined {
  const target = req.url ?? '/';
  const host = req.headers.host ?? 'localhost';
  try {
    if (/^https?:\/\//i.test(target)) return new URL(target); // absolute-form: its authority wins over Host
    if (typeof host !== 'string' || !HOST.test(host) || !target.startsWith('/')) return undefined;
    const tls = typeof req.socket === 'object' && req.socket !== null && (req.socket as { encrypted?: unknown }).encrypted === true;
    return new URL(`${tls ? 'https' : 'http'}://${host}${target}`);
  } catch {
    return undefined;
  }
}

const { fail } = optionChecks('toNodeListener');
const NO_BODY_LEFT = () => false;

function toRequest(req: NodeRequest, method: string, signal: AbortSignal): { request: Request; bodyLeft: () => boolean } | undefined {
  const url = urlOf(req);
  if (!url) return undefined;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
    }
    // Only a request that announces a body has one; GET and HEAD never get one (the constructor forbids it).
    const announced = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
    const body = method !== 'GET' && method !== 'HEAD' && announced ? requestBody(req) : undefined;
    const init = body ? { method, headers, signal, body: body.stream, duplex: 'half' } : { method, headers, signal };
    return { request: new Request(url, init), bodyLeft: body?.unfinished ?? NO_BODY_LEFT };
  } catch {
    return undefined;
  }
}

/** Resolves once `res` can take more, or is gone. */
function drained(res: NodeResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

async function send(response: Response, res: NodeResponse, method: string, gone: AbortSignal): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!response.body || method === 'HEAD') {
    await response.body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      if (gone.aborted) return void (await reader.cancel().catch(() => undefined));
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch {
    // The status is sent already: cutting the connection is the only way to say the body is not whole.
    res.destroy();
  }
}

/** Long runs of token characters in a failure's message are masked: they may be a key or a secret. */
const failureText = (error: unknown) =>
  errorText(error)
    .slice(0, 300)
    .replace(/[A-Za-z0-9+/_=.-]{20,}/g, REDACTED);

/** The handler itself, or a TypeError that names the fix: our factories (`create...Handler`) must be called first. */
function checkHandler(handler: unknown): void {
  if (typeof handler === 'function' && !/^create(History|Webhook|Link)Handler$/.test(handler.name)) return;
  const got = typeof handler === 'function' ? `the factory ${handler.name} itself` : handler === null ? 'null' : typeof handler;
  const fix =
    typeof handler === 'function'
      ? `call it: toNodeListener(${handler.name}({ ... }))`
      : 'pass the handler a factory returned, e.g. toNodeListener(createWebhookHandler({ ... }))';
  fail(`takes a handler (request: Request) => Promise<Response>, got ${got}; ${fix}`);
}

/** The handler's first failure, then how many there were at 10, 100, 1,000...: a broken handler is seen, not a flood. */
const failureLine = (why: string) => (count: number) =>
  count === 1
    ? `the handler failed (${why}); answered 500 internal_error. Later failures are counted`
    : `the handler has failed ${count.toLocaleString('en')} times (the last: ${why})`;

/**
 * Adapts a web-standard handler (`Request` -> `Response`) to `http.createServer`. It streams the
 * request body (not for GET/HEAD) and the response body with backpressure; the `Request`'s `signal`
 * aborts when the client goes away. Bad input never reaches the handler: TRACE, CONNECT, TRACK and
 * malformed methods are 405, a malformed URL or Host is 400. A handler that throws or does not
 * answer a Response is a 500, logged (`log`, default `console.warn`) once, then counted.
 * @example
 * http.createServer(toNodeListener(createHistoryHandler({ ... }))).listen(8787, '127.0.0.1')
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>, options: { log?: (message: string) => void } = {}) {
  checkHandler(handler);
  // An option meant for the handler (`maxBodyBytes`) would otherwise be lost here.
  checkKnownOptions('toNodeListener()', options, ['log']);
  if (options.log !== undefined && typeof options.log !== 'function') fail('`log` must be a function (message) => void');
  const failures = degradedLog(logger(options.log ?? warn, 'toNodeListener'), Date.now, 'tenfold');
  const failed = (why: string) => failures(failureLine(why));
  return async (req: NodeRequest, res: NodeResponse): Promise<void> => {
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const method = (req.method ?? 'GET').toUpperCase();
    let bodyLeft = NO_BODY_LEFT;
    let response: Response;
    try {
      const built = METHOD.test(method) && !UNSUPPORTED_METHODS.includes(method) ? toRequest(req, method, gone.signal) : null;
      if (built === null) response = errorResponse(405, 'method_not_allowed', 'This method is not supported');
      else if (built === undefined) response = errorResponse(400, 'bad_request', 'Malformed URL or Host header');
      else {
        bodyLeft = built.bodyLeft;
        response = await handler(built.request);
        if (!(response instanceof Response)) {
          failed(`it answered ${response === null ? 'null' : typeof response}, not a Response`);
          response = errorResponse(500, 'internal_error', 'The handler failed');
        }
      }
    } catch (error) {
      failed(`it threw ${failureText(error)}`);
      response = errorResponse(500, 'internal_error', 'The handler failed');
    }
    // A body left half read would be taken for the next request on this connection.
    if (bodyLeft()) res.setHeader('connection', 'close');
    if (!gone.signal.aborted) await send(response, res, method, gone.signal);
  };
}
