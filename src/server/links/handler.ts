import { chatLinkProblem, type ChatLink, type LinkConsent } from '../../shared/chat-link.js';
import { authorization } from '../http/authorize.js';
import { corsError, corsFor, preflight, type CorsError } from '../http/cors.js';
import { linkSettings, type LinkHandlerOptions } from './options.js';
import { degradedLog, errorText } from '../http/log.js';
import { readCapped } from '../http/read-capped.js';
import { refusedOriginLog } from './refused-origins.js';
import { sessionCap } from './session-cap.js';
import { optionChecks } from '../http/options.js';
import { jsonResponse } from '../http/responses.js';
import type { KeyValueStore } from '../stores/store.js';
import { withDeadline } from '../stores/deadline.js';
import { linkConsentProblem, recordedConsent, storedLink, storedValue } from './link-consent.js';

export type { ChatLink, LinkConsent, LinkHandlerOptions };

/** A link is about 100 bytes of JSON, 180 with the consent chatLink records. */
const MAX_BODY_BYTES = 1024;
const BODY_TYPES = /^(text\/plain|application\/json)\s*(;|$)/i;
const linkKey = (conversationId: string) => `link:${conversationId.toLowerCase()}`;

type Refusal = { status: number; code: string; message: string };
const tooLarge: Refusal = { status: 413, code: 'payload_too_large', message: `A link is at most ${MAX_BODY_BYTES} bytes` };

async function readLink(request: Request): Promise<ChatLink | Refusal> {
  if (!BODY_TYPES.test(request.headers.get('content-type') ?? '')) {
    return {
      status: 415,
      code: 'unsupported_media_type',
      message: 'Send the link as text/plain (navigator.sendBeacon with a Blob) or application/json',
    };
  }
  if (Number(request.headers.get('content-length')) > MAX_BODY_BYTES) return tooLarge;
  const read = await readCapped(request.body, { maxBytes: MAX_BODY_BYTES, signal: request.signal });
  if (!read.ok)
    return read.reason === 'too-large' ? tooLarge : { status: 400, code: 'body_unreadable', message: 'The body could not be read' };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(read.bytes));
  } catch {
    body = undefined;
  }
  const { conversationId, clientId, consent } = (body ?? {}) as ChatLink;
  const problem = chatLinkProblem(body) ?? (consent === undefined ? undefined : linkConsentProblem(consent));
  if (problem) return { status: 400, code: 'invalid_link', message: problem };
  // Rebuilt field by field: nothing the sender added is stored.
  const recorded = consent && {
    analytics: consent.analytics,
    ad_user_data: consent.ad_user_data,
    ad_personalization: consent.ad_personalization,
  };
  return { conversationId: conversationId.toLowerCase(), clientId, consent: recorded };
}

/**
 * The endpoint the browser tells which GA4 client id chatted in which iAdvize conversation:
 * `POST {"conversationId":"<uuid>","clientId":"<ga client id>"}` (JSON as `text/plain` from
 * `navigator.sendBeacon`, or `application/json`), 204 when stored. The first link of a conversation
 * wins; the same link again is a 204, another client id a 409. When `authorize` returns the
 * visitor's session key, a session sends at most `linksPerSession` links an hour (429 past them).
 * @example
 * const links = memoryStore()
 * export const POST = createLinkHandler({ store: links, authorize: async (request) => (await sessionOf(request))?.id ?? false })
 */
export function createLinkHandler(options: LinkHandlerOptions): (request: Request) => Promise<Response> {
  const { store, authorize, publicOrigins, allowedOrigins, ttlMs, linksPerSession, sessionWindowMs, log } = linkSettings(options);
  const refused = refusedOriginLog(log, publicOrigins);
  const takeSlot = sessionCap(linksPerSession, sessionWindowMs);
  const storeFailed = degradedLog(log);
  const authorizeFailed = degradedLog(log);
  let saidUncapped = false;

  /** Stores an allowed link: 204 (stored, or the same again), 409 (another client id), 429 (past the session's cap), 503 (the store failed). */
  async function keep(
    link: ChatLink,
    sessionKey: string | undefined,
    error: CorsError,
    headers: Record<string, string>,
  ): Promise<Response> {
    // One deadline for all of this request's calls: a slow store cannot add up its timeoutMs per call.
    const calls = store.budget();
    try {
      const retryAfter = sessionKey === undefined ? 0 : await takeSlot(calls, sessionKey);
      if (retryAfter)
        return error(429, 'too_many_links', `This session sent ${linksPerSession} links already; try again later`, {
          'retry-after': String(retryAfter),
        });
      const key = linkKey(link.conversationId);
      // The first link's consent stays: the same client id again is a 204 that changes nothing.
      if ((await calls.add(key, storedValue(link), ttlMs)) || storedLink(await calls.get(key))?.clientId === link.clientId)
        return jsonResponse(204, null, headers);
    } catch (failure) {
      storeFailed(`the store failed: ${errorText(failure)} (conversation ${link.conversationId})`);
      return error(503, 'store_unavailable', 'The link cannot be stored right now');
    }
    return error(409, 'already_linked', 'This conversation is linked to another client id');
  }

  return async function handleLink(request: Request): Promise<Response> {
    const cors = corsFor(request, allowedOrigins, publicOrigins);
    const error = corsError(cors);
    if (!cors.allowed) {
      refused(request);
      return error(403, 'origin_not_allowed', 'This origin may not send chat links');
    }
    if (request.method === 'OPTIONS') return preflight(cors, 'POST, OPTIONS');
    if (request.method !== 'POST') return error(405, 'method_not_allowed', 'Only POST is allowed', { allow: 'POST, OPTIONS' });
    const link = await readLink(request);
    if ('status' in link) return error(link.status, link.code, link.message);

    const verdict = await authorization(() => authorize(request, link), authorizeFailed, `conversation ${link.conversationId}`, true);
    if (verdict === 'denied') return error(403, 'forbidden', 'This request may not link this conversation');
    if (verdict === 'failed') return error(500, 'authorize_failed', 'The site could not check this request');
    if (verdict === 'allowed' && !saidUncapped) {
      saidUncapped = true;
      log(
        `authorize() returned true: links are not capped per visitor. Return the visitor's session key (a session or user id) instead, to cap them at linksPerSession (${linksPerSession}) per session`,
      );
    }
    return keep(link, verdict === 'allowed' ? undefined : verdict.sessionKey, error, cors.headers);
  };
}

/**
 * The GA4 client id linked to an event's conversation, for `ga4MeasurementProtocol({ clientId })`:
 * undefined when the event has no conversation id, nothing was linked, or the link says the visitor
 * denied analytics (the event is then skipped). The sink reads the link's ad consent from here too.
 * @example
 * ga4MeasurementProtocol({ measurementId, apiSecret, currency: 'EUR', clientId: linkedClientId(links) })
 */
export function linkedClientId(store: KeyValueStore): (event: { conversationId?: unknown }) => Promise<string | undefined> {
  if (!store || typeof store.get !== 'function') optionChecks('linkedClientId').fail('pass the store given to createLinkHandler');
  const links = withDeadline(store, 'linkedClientId');
  return async (event) => {
    if (typeof event.conversationId !== 'string') return undefined;
    const link = storedLink(await links.get(linkKey(event.conversationId)));
    if (link && typeof event === 'object') recordedConsent.set(event, link.consent);
    return link?.consent?.analytics === 'DENIED' ? undefined : link?.clientId;
  };
}
