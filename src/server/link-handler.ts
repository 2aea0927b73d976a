import { chatLinkProblem, type ChatLink } from '../shared/chat-link.js';
import { checkKnownOptions } from '../shared/known-options.js';
import { authorization } from './authorize.js';
import { corsFor, preflight } from './cors.js';
import { errorText, logger } from './log.js';
import { optionChecks } from './options.js';
import { readCapped } from './read-capped.js';
import { errorResponse, jsonResponse } from './responses.js';
import { isKeyValueStore, type KeyValueStore } from './store.js';

export type { ChatLink };

export interface LinkHandlerOptions {
  /** Where links are kept: pass the same store to `linkedClientId(store)`. `memoryStore()` for one instance, `redisStore(client)` for several. */
  store: KeyValueStore;
  /**
   * Whether this request may link this conversation: check the site's own session, rate limits, etc.
   * Required: anyone can POST any UUID and any client id, so an unchecked endpoint lets a stranger
   * fill the store or attribute a conversation's transactions to another client id. `false` is 403.
   * The body is read already: use headers and cookies.
   */
  authorize: (request: Request, link: ChatLink) => boolean | Promise<boolean>;
  /** How long a link is kept. Default 30 days: iAdvize may attribute a transaction to a conversation long after it. */
  ttlMs?: number;
  /** Other origins allowed to send links (the server's own origin always is). Default `[]`. Not authentication. */
  allowedOrigins?: readonly string[];
  /** Where failures are logged. Default `console.warn`. */
  log?: (message: string) => void;
}

/** A link is about 100 bytes of JSON. */
const MAX_BODY_BYTES = 1024;
const BODY_TYPES = /^(text\/plain|application\/json)\s*(;|$)/i;
const { fail, positive, fn } = optionChecks('createLinkHandler');
const linkKey = (conversationId: string) => `link:${conversationId.toLowerCase()}`;

type Refusal = { status: number; code: string; message: string };
const tooLarge: Refusal = { status: 413, code: 'payload_too_large', message: `A link is at most ${MAX_BODY_BYTES} bytes` };

async function readLink(request: Request): Promise<ChatLink | Refusal> {
  if (!BODY_TYPES.test(request.headers.get('content-type') ?? '')) {
    return { status: 415, code: 'unsupported_media_type', message: 'Send the link as text/plain (navigator.sendBeacon with a Blob) or application/json' };
  }
  if (Number(request.headers.get('content-length')) > MAX_BODY_BYTES) return tooLarge;
  const read = await readCapped(request.body, { maxBytes: MAX_BODY_BYTES, signal: request.signal });
  if (!read.ok) return read.reason === 'too-large' ? tooLarge : { status: 400, code: 'body_unreadable', message: 'The body could not be read' };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(read.bytes));
  } catch {
    body = undefined;
  }
  const problem = chatLinkProblem(body);
  if (problem) return { status: 400, code: 'invalid_link', message: problem };
  const { conversationId, clientId } = body as ChatLink;
  return { conversationId: conversationId.toLowerCase(), clientId };
}

function linkSettings(options: LinkHandlerOptions) {
  if (!options || typeof options !== 'object') fail('takes an options object');
  checkKnownOptions('createLinkHandler()', options, Object.keys({ store: 1, authorize: 1, ttlMs: 1, allowedOrigins: 1, log: 1 } satisfies Record<keyof LinkHandlerOptions, 1>));
  const { store, authorize, allowedOrigins = [] } = options;
  if (typeof authorize !== 'function') {
    fail('`authorize(request, link)` is required: check the visitor\'s own session; anyone can post any conversation id and any client id');
  }
  if (!isKeyValueStore(store)) {
    fail('`store` is required (memoryStore() or redisStore(client)): pass the same one to linkedClientId(store)');
  }
  if (!Array.isArray(allowedOrigins) || allowedOrigins.some((origin) => typeof origin !== 'string')) fail('`allowedOrigins` must be an array of origins');
  positive(options.ttlMs, 'ttlMs');
  fn(options.log, 'log');
  const log = logger(options.log ?? ((message: string) => console.warn(message)), 'chat link');
  return { store, authorize, allowedOrigins, ttlMs: options.ttlMs ?? 30 * 24 * 60 * 60 * 1000, log };
}

/**
 * The endpoint the browser tells which GA4 client id chatted in which iAdvize conversation:
 * `POST {"conversationId":"<uuid>","clientId":"<ga client id>"}` (JSON as `text/plain` from
 * `navigator.sendBeacon`, or `application/json`), 204 when stored. The first link of a conversation
 * wins; the same link again is a 204, another client id a 409.
 * @example
 * const links = memoryStore()
 * export const POST = createLinkHandler({ store: links, authorize: async (request) => (await sessionOf(request)) !== undefined })
 */
export function createLinkHandler(options: LinkHandlerOptions): (request: Request) => Promise<Response> {
  const { store, authorize, allowedOrigins, ttlMs, log } = linkSettings(options);

  return async function handleLink(request: Request): Promise<Response> {
    const cors = corsFor(request, allowedOrigins);
    const error = (status: number, code: string, message: string, extra: Record<string, string> = {}) => errorResponse(status, code, message, { ...cors.headers, ...extra });
    if (!cors.allowed) {
      log(`refused a link from origin ${request.headers.get('origin')}: list it in allowedOrigins if it is the site's`);
      return error(403, 'origin_not_allowed', 'This origin may not send chat links');
    }
    if (request.method === 'OPTIONS') return preflight(cors, 'POST, OPTIONS');
    if (request.method !== 'POST') return error(405, 'method_not_allowed', 'Only POST is allowed', { allow: 'POST, OPTIONS' });
    const link = await readLink(request);
    if ('status' in link) return error(link.status, link.code, link.message);

    const verdict = await authorization(() => authorize(request, link), log, `conversation ${link.conversationId}`);
    if (verdict === 'denied') return error(403, 'forbidden', 'This request may not link this conversation');
    if (verdict === 'failed') return error(500, 'authorize_failed', 'The site could not check this request');
    try {
      const key = linkKey(link.conversationId);
      if ((await store.add(key, link.clientId, ttlMs)) || (await store.get(key)) === link.clientId) return jsonResponse(204, null, cors.headers);
    } catch (failure) {
      log(`the store failed: ${errorText(failure)} (conversation ${link.conversationId})`);
      return error(503, 'store_unavailable', 'The link cannot be stored right now');
    }
    return error(409, 'already_linked', 'This conversation is linked to another client id');
  };
}

/**
 * The GA4 client id linked to an event's conversation, for `ga4MeasurementProtocol({ clientId })`:
 * undefined when the event has no conversation id or nothing was linked (the event is then skipped).
 * @example
 * ga4MeasurementProtocol({ measurementId, apiSecret, currency: 'EUR', clientId: linkedClientId(links) })
 */
export function linkedClientId(store: KeyValueStore): (event: { conversationId?: unknown }) => Promise<string | undefined> {
  if (!store || typeof store.get !== 'function') throw new TypeError('iadvize-bridge linkedClientId(): pass the store given to createLinkHandler');
  return async (event) => (typeof event.conversationId === 'string' ? store.get(linkKey(event.conversationId)) : undefined);
}
