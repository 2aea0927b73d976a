import { CHAT_ID, VISITOR_ID } from '../../shared/transcript.js';
import { historyOutcome } from './answer.js';
import { authorization } from '../http/authorize.js';
import { corsError, corsFor, preflight } from '../http/cors.js';
import { historySettings, type HistoryHandlerOptions, type HistorySettings } from './options.js';
import { degradedLog, logger } from '../http/log.js';
import { redactor } from '../http/redact.js';
import { jsonResponse } from '../http/responses.js';
import { fetchUpstream } from './upstream.js';

export type { HistoryHandlerOptions };

type Query = { chatId: string; visitorId?: string } | { error: string; message: string };

function readQuery(url: string, requireVisitorId: boolean): Query {
  const params = new URL(url).searchParams;
  const [chatId, ...moreChatIds] = params.getAll('chatId');
  if (chatId === undefined || moreChatIds.length || !CHAT_ID.test(chatId)) {
    return { error: 'invalid_chat_id', message: 'chatId must be given once, as the 1 to 20 digits of an iAdvize chat id' };
  }
  const [visitorId, ...moreVisitorIds] = params.getAll('visitorId');
  if (visitorId === undefined && !requireVisitorId) return { chatId };
  if (visitorId === undefined || moreVisitorIds.length || !VISITOR_ID.test(visitorId)) {
    return {
      error: 'invalid_visitor_id',
      message: `visitorId must be given ${requireVisitorId ? 'once' : 'at most once'}, as 1 to 128 characters of A-Z a-z 0-9 . _ -`,
    };
  }
  return { chatId, visitorId };
}

function upstreamRequest({ api, base, apiKey }: HistorySettings, chatId: string): { url: string; headers: Record<string, string> } {
  if (api === 'v2') {
    return {
      url: `${base}/api/2/conversation.json-unicode/${chatId}?formatHistory=0`,
      headers: { 'X-API-Key': apiKey, accept: 'application/json' },
    };
  }
  // API 1.7 only takes the key in the query string: this URL must never be logged or returned.
  return {
    url: `${base}/api/chat_history/getHistoryByID/?key=${encodeURIComponent(apiKey)}&chatid=${chatId}`,
    headers: { accept: 'application/json' },
  };
}

/**
 * A web-standard handler (`Request` -> `Response`: Node 18+, Next.js route handlers, workers) that
 * returns the transcript of `?chatId=123` to the visitors `authorize` accepts, fetched from iAdvize
 * with the secret key, which never reaches the browser nor another host. Statuses: see the README.
 * @example
 * const handler = createHistoryHandler({
 *   apiKey: process.env.IADVIZE_API_KEY,
 *   authorize: async (request, chatId) => (await sessionOf(request))?.chatIds.includes(chatId) ?? false,
 * })
 * http.createServer(toNodeListener(handler)).listen(8787)
 */
export function createHistoryHandler(options: HistoryHandlerOptions): (request: Request) => Promise<Response> {
  const settings = historySettings(options);
  const redact = redactor(settings.apiKey);
  const log = logger(settings.log, 'history', redact);
  const authorizeFailed = degradedLog(log);
  const limits = { maxEntries: settings.maxEntries, maxTextLength: settings.maxTextLength, redact };

  return async function handleHistoryRequest(request: Request): Promise<Response> {
    const cors = corsFor(request, settings.allowedOrigins);
    const error = corsError(cors);
    if (!cors.allowed) return error(403, 'origin_not_allowed', 'This origin may not read chat histories');
    if (request.method === 'OPTIONS') return preflight(cors, 'GET, OPTIONS');
    if (request.method !== 'GET') return error(405, 'method_not_allowed', 'Only GET is allowed', { allow: 'GET, OPTIONS' });
    const query = readQuery(request.url, settings.requireVisitorId);
    if ('error' in query) return error(400, query.error, query.message);

    const verdict = await authorization(() => settings.authorize(request, query.chatId), authorizeFailed, `chat ${query.chatId}`);
    if (verdict === 'denied') return error(403, 'forbidden', 'This request may not read this chat');
    if (verdict === 'failed') return error(500, 'authorize_failed', 'The site could not check this request');

    const { url, headers } = upstreamRequest(settings, query.chatId);
    const result = await fetchUpstream(url, headers, {
      timeoutMs: settings.timeoutMs,
      maxBytes: settings.maxUpstreamBytes,
      clientSignal: request.signal,
    });
    const outcome = historyOutcome(result, { ...query, timeoutMs: settings.timeoutMs, limits }, url);
    if ('transcript' in outcome) return jsonResponse(200, outcome.transcript, cors.headers);
    if (outcome.log) log(`${outcome.log} (chat ${query.chatId})`);
    return error(outcome.status, outcome.error, outcome.message);
  };
}
