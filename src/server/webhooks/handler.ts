import { degradedLog, errorText, logger } from '../http/log.js';
import { readCapped } from '../http/read-capped.js';
import { redactor } from '../http/redact.js';
import { errorResponse, jsonResponse } from '../http/responses.js';
import { seenEvents, type SeenEvents } from './seen-events.js';
import { withDeadline } from '../stores/deadline.js';
import { unverifiedBudget } from './budget.js';
import { decodeWebhook } from './body.js';
import type { WebhookEvent } from '../iadvize/webhook-events.js';
import { webhookSettings, type WebhookHandlerOptions, type WebhookSettings } from './options.js';
import { signatureDigest, signatureVerifier, signedQuery } from './signature.js';

export type { WebhookHandlerOptions };

/** How far ahead of this server's clock iAdvize's may be. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const ALLOW = { allow: 'POST, PUT, GET' };
/** iAdvize's first retry comes 10 s after a failed attempt. */
const RETRY_LATER = { 'retry-after': '10' };

/**
 * Why an event's date refuses it: it has none (`sentAt`, else `createdAt`), or it is outside
 * [now - maxAge, now + skew]. An undated event could be replayed once its id is forgotten, so every
 * event must be dated; iAdvize dates every one it sends.
 */
function dateProblem(event: WebhookEvent, maxAgeMs: number): 'undated' | 'stale' | undefined {
  const at = [event.sentAt, event.createdAt]
    .map((stamp) => (typeof stamp === 'string' ? Date.parse(stamp) : NaN))
    .find((time) => !isNaN(time));
  if (at === undefined) return 'undated';
  const now = Date.now();
  return at < now - maxAgeMs || at > now + CLOCK_SKEW_MS ? 'stale' : undefined;
}

const tooLarge = (maxBytes: number) => errorResponse(413, 'payload_too_large', `The body is over ${maxBytes} bytes`);
const unauthorized = () => errorResponse(401, 'unauthorized', 'Missing or invalid x-iadvize-signature');
type Budget = ReturnType<typeof unverifiedBudget>;
type Check = (bytes: Uint8Array) => Promise<boolean>;

/** The signed body of a POST or PUT, refused early when it announces too many bytes. */
function signedBody(request: Request, settings: WebhookSettings, budget: Budget, signed: Check): Promise<Uint8Array | Response> | Response {
  if (Number(request.headers.get('content-length')) > settings.maxBodyBytes) return tooLarge(settings.maxBodyBytes);
  return readBody(request, settings, budget, signed);
}

/**
 * The body, read under the cap, within `bodyTimeoutMs`, and held against the budget shared by every
 * unverified request until `signed` said it is signed: it waits for room, and is cut with a 503 when
 * a much smaller one needs it.
 */
async function readBody(request: Request, settings: WebhookSettings, budget: Budget, signed: Check): Promise<Uint8Array | Response> {
  const stop = new AbortController();
  const gone = () => stop.abort('gone');
  request.signal.addEventListener('abort', gone, { once: true });
  const timer = setTimeout(() => stop.abort('timeout'), settings.bodyTimeoutMs);
  // Until it has a place, the body is not read: Node holds one chunk of it, TCP the rest.
  const announced = Number(request.headers.get('content-length')) || settings.maxBodyBytes;
  const holder = await budget.enter(announced, () => stop.abort('busy'), stop.signal);
  try {
    const read = holder
      ? await readCapped(request.body, { maxBytes: settings.maxBodyBytes, signal: stop.signal, take: holder.take })
      : { ok: false as const, reason: 'aborted' as const };
    if (read.ok) return (await signed(read.bytes)) ? read.bytes : unauthorized();
    if (read.reason === 'too-large') return tooLarge(settings.maxBodyBytes);
    if (stop.signal.reason === 'timeout') return errorResponse(408, 'body_timeout', `The body took over ${settings.bodyTimeoutMs} ms`);
    if (read.reason === 'over-budget' || stop.signal.reason === 'busy')
      return errorResponse(503, 'busy', 'Too many unverified bytes in flight', RETRY_LATER);
    return errorResponse(400, 'body_unreadable', 'The body could not be read');
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', gone);
    holder?.free();
  }
}

/** Runs `onEvent` unless the event was (or is being) delivered: claimed first, renewed while it runs, kept when it succeeded, released when it failed. */
async function deliverOnce(
  event: WebhookEvent,
  seen: SeenEvents,
  onEvent: WebhookSettings['onEvent'],
  log: (line: string) => void,
  storeLog: (line: string) => void,
): Promise<Response> {
  const storeFailed = (error: unknown) => storeLog(`the store failed: ${errorText(error)} (event ${event.eventId})`);
  let claim;
  try {
    claim = await seen.claim(event.eventId);
  } catch (error) {
    storeFailed(error);
    return errorResponse(503, 'store_unavailable', 'Delivered events cannot be checked right now');
  }
  if (claim === 'done') return jsonResponse(200, { status: 'duplicate' });
  if (claim === 'pending') return errorResponse(409, 'in_progress', 'This event is being delivered by another request', RETRY_LATER);
  try {
    await onEvent(event);
  } catch (error) {
    log(
      `onEvent failed: ${errorText(error)} (event ${event.eventId}, ${event.eventType}); answered 500 for iAdvize to retry (it does, 10 s and 30 s after its first attempt)`,
    );
    await claim.release().catch(storeFailed);
    return errorResponse(500, 'handler_failed', 'The event could not be handled');
  }
  await claim.done().catch(storeFailed);
  return jsonResponse(200, { status: 'delivered' });
}

/**
 * A web-standard handler (`Request` -> `Response`: Node 18+ with `toNodeListener`, Next.js route
 * handlers, workers) for iAdvize's webhooks: it checks `x-iadvize-signature` over the raw bytes before
 * reading anything else (401 without detail), parses JSON and form bodies into one typed event, and
 * calls `onEvent` once per event id. Statuses: see the README.
 * @example
 * export const POST = createWebhookHandler({
 *   secret: process.env.IADVIZE_WEBHOOK_SECRET ?? '',
 *   onEvent: (event) => { if (event.known && event.eventType === 'v2.conversation.closed') console.log(event.channel) },
 * })
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const settings = webhookSettings(options);
  const verify = signatureVerifier(settings.secrets);
  const redact = redactor(settings.secrets);
  const log = logger(settings.log, 'webhook', redact);
  // Ids are kept as long as a replay could still pass the age check.
  const acceptedForMs = settings.maxEventAgeMs + CLOCK_SKEW_MS;
  const seen = seenEvents(withDeadline(settings.store, 'createWebhookHandler'), { rememberMs: acceptedForMs, acceptedForMs, log });
  const budget = unverifiedBudget(settings.maxUnverifiedBytes);
  // A store outage fails every delivery: said once, then once a minute with a count.
  const storeLog = degradedLog(log);

  return async function handleWebhook(request: Request): Promise<Response> {
    if (!['POST', 'PUT', 'GET'].includes(request.method))
      return errorResponse(405, 'method_not_allowed', 'Webhooks are POST (or PUT, or a signed GET check)', ALLOW);
    const digest = signatureDigest(request.headers.get('x-iadvize-signature'));
    if (!digest) return unauthorized();
    const signed = (bytes: Uint8Array) => verify(digest, bytes);
    // iAdvize checks that its callback URL answers with a signed GET; it carries no event.
    if (request.method === 'GET') return (await signed(signedQuery(request.url))) ? jsonResponse(200, { status: 'ok' }) : unauthorized();
    const bytes = await signedBody(request, settings, budget, signed);
    if (bytes instanceof Response) return bytes;
    const decoded = await decodeWebhook(bytes);
    if ('error' in decoded) return errorResponse(400, decoded.error, decoded.message);
    const { event } = decoded;
    const problem = dateProblem(event, settings.maxEventAgeMs);
    if (problem === 'undated') {
      log(`event ${event.eventId} (${event.eventType}) has no sentAt or createdAt: refused, it could not be told from a replay`);
      return errorResponse(400, 'undated_event', 'The event has no sentAt or createdAt');
    }
    if (problem) {
      log(`event ${event.eventId} (${event.eventType}) sent at ${String(event.sentAt ?? event.createdAt)} is outside the accepted window`);
      return errorResponse(400, 'stale_event', 'The event was sent too long ago, or in the future');
    }
    return deliverOnce(event, seen, settings.onEvent, log, storeLog);
  };
}
