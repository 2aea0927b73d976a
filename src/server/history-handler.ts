import { CHAT_ID, type Transcript } from '../shared/transcript.js';
import { parseHistory } from './parse-history.js';

export interface HistoryHandlerOptions {
  /** The customer's secret iAdvize API key. It never leaves this server. */
  apiKey: string;
  /** `v2`: REST API (`/api/2/conversation/:id`, key in `X-API-Key`); `v1`: API 1.7 (`getHistoryByID`). Default `v2`. */
  api?: 'v2' | 'v1';
  /** The iAdvize platform: `sd` (www.iadvize.com) or `ha` (ha.iadvize.com). Default `sd`. */
  platform?: 'sd' | 'ha';
  /** Origins allowed to call from a browser (CORS), e.g. `['https://shop.example']`. */
  allowedOrigins: readonly string[];
  /** Time allowed for iAdvize to answer. Default 8000 ms. */
  timeoutMs?: number;
  /** Overrides the iAdvize host, for tests against a local mock. */
  baseUrl?: string;
  /** Where failures are logged (never with the key). Default `console.warn`. */
  log?: (message: string) => void;
}

const HOSTS = { sd: 'https://www.iadvize.com', ha: 'https://ha.iadvize.com' } as const;

function fail(message: string): never {
  throw new TypeError(`iadvize-bridge createHistoryHandler(): ${message}`);
}

function checkOptions(options: HistoryHandlerOptions): void {
  if (!options || typeof options !== 'object') fail('takes an options object');
  if (typeof options.apiKey !== 'string' || !options.apiKey.trim()) fail('`apiKey` must be a non-empty string');
  if (options.api !== undefined && options.api !== 'v1' && options.api !== 'v2') fail("`api` must be 'v2' or 'v1'");
  if (options.platform !== undefined && options.platform !== 'sd' && options.platform !== 'ha') fail("`platform` must be 'sd' or 'ha'");
  if (!Array.isArray(options.allowedOrigins) || options.allowedOrigins.some((origin) => typeof origin !== 'string')) {
    fail('`allowedOrigins` must be an array of origins (use [] to allow same-origin requests only)');
  }
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && isFinite(timeoutMs))) fail('`timeoutMs` must be a positive number');
}

/**
 * A web-standard handler (`Request` -> `Response`: Node 18+, Next.js route handlers, workers) that
 * returns the transcript of `?chatId=123`, fetched from iAdvize with the secret key that never
 * reaches the browser.
 *
 * Answers: 200 transcript; 400 chat id not digits; 403 origin not allowed; 404 unknown chat;
 * 405 not GET; 502 iAdvize failed or answered garbage; 504 iAdvize too slow.
 * @example
 * const handler = createHistoryHandler({ apiKey: process.env.IADVIZE_API_KEY, allowedOrigins: ['https://shop.example'] })
 * http.createServer(toNodeListener(handler)).listen(8787)
 */
export function createHistoryHandler(options: HistoryHandlerOptions): (request: Request) => Promise<Response> {
  checkOptions(options);
  const { apiKey, api = 'v2', platform = 'sd', allowedOrigins, timeoutMs = 8000, log = (message: string) => console.warn(message) } = options;
  const base = (options.baseUrl ?? HOSTS[platform]).replace(/\/+$/, '');

  function upstreamUrl(chatId: string): { url: string; headers: Record<string, string> } {
    if (api === 'v2') return { url: `${base}/api/2/conversation/${chatId}`, headers: { 'X-API-Key': apiKey, accept: 'application/json' } };
    // API 1.7 only takes the key in the query string: this URL must never be logged or returned.
    return { url: `${base}/api/chat_history/getHistoryByID/?key=${encodeURIComponent(apiKey)}&chatid=${chatId}`, headers: { accept: 'application/json' } };
  }

  return async function handleHistoryRequest(request: Request): Promise<Response> {
    const origin = request.headers.get('origin');
    const allowed = origin === null || allowedOrigins.includes(origin);
    const cors: Record<string, string> = origin && allowed ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
    const answer = (status: number, body: unknown, extra: Record<string, string> = {}): Response =>
      new Response(body === null ? null : JSON.stringify(body), {
        status,
        headers: { ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8' }), 'cache-control': 'no-store', ...cors, ...extra },
      });
    const error = (status: number, code: string, message: string, extra?: Record<string, string>) => answer(status, { error: code, message }, extra);

    if (!allowed) return error(403, 'origin_not_allowed', 'This origin may not read chat histories');
    if (request.method === 'OPTIONS') {
      return answer(204, null, { 'access-control-allow-methods': 'GET, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' });
    }
    if (request.method !== 'GET') return error(405, 'method_not_allowed', 'Only GET is allowed', { allow: 'GET, OPTIONS' });

    const chatId = new URL(request.url).searchParams.get('chatId') ?? '';
    if (!CHAT_ID.test(chatId)) return error(400, 'invalid_chat_id', 'chatId must be the digits of an iAdvize chat id');

    const { url, headers } = upstreamUrl(chatId);
    let upstream: Response;
    try {
      upstream = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
      log(`iadvize-bridge history: ${timedOut ? `iAdvize did not answer within ${timeoutMs} ms` : 'iAdvize could not be reached'} (chat ${chatId})`);
      return timedOut ? error(504, 'upstream_timeout', 'iAdvize did not answer in time') : error(502, 'upstream_unreachable', 'iAdvize could not be reached');
    }

    let body: unknown;
    try {
      body = await upstream.json();
    } catch {
      body = undefined;
    }
    const meta = body !== null && typeof body === 'object' ? (body as { meta?: { status?: unknown } }).meta : undefined;
    if (upstream.status === 404 || meta?.status === 'fail') return error(404, 'chat_not_found', `No history for chat ${chatId}`);
    if (!upstream.ok || body === undefined || meta?.status === 'error') {
      log(`iadvize-bridge history: iAdvize answered ${upstream.status}${body === undefined ? ' with no JSON' : ''} (chat ${chatId})`);
      return error(502, 'upstream_failed', `iAdvize answered ${upstream.status}`);
    }
    let transcript: Transcript;
    try {
      transcript = parseHistory(body, chatId);
    } catch {
      log(`iadvize-bridge history: iAdvize's answer holds no history (chat ${chatId})`);
      return error(502, 'upstream_invalid', 'iAdvize answered without a conversation history');
    }
    return answer(200, transcript);
  };
}
