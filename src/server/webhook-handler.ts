import { errorText, logger } from './log.js';
import { readCapped } from './read-capped.js';
import { redactor } from './redact.js';
import { errorResponse, jsonResponse } from './responses.js';
import { seenEvents, type SeenEvents } from './seen-events.js';
import { withDeadline } from './store-deadline.js';
import { decodeWebhook } from './webhook-body.js';
import type { WebhookEvent } from './webhook-events.js';
import { webhookSettings, type WebhookHandlerOptions, type WebhookSettings } from './webhook-options.js';
import { signatureDigest, signatureVerifier, signedQuery } from './webhook-signature.js';

export type { WebhookHandlerOptions };

/** How far ahead of this server's clock iAdvize's may be. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const ALLOW = { allow: 'POST, PUT, GET' };

/** Outside [now - maxAge, now + skew] by `sentAt` (else `createdAt`); an event that says no time passes. */
function isStale(event: WebhookEvent, maxAgeMs: number): boolean {
  const stamp = typeof event.sentAt === 'string' ? event.sentAt : event.createdAt;
  const at = typeof stamp === 'string' ? Date.parse(stamp) : NaN;
  if (isNaN(at)) return false;
  const now = Date.now();
  return at < now - maxAgeMs || at > now + CLOCK_SKEW_MS;
}

const tooLarge = (maxBytes: number) => errorResponse(413, 'payload_too_large', `The body is over ${maxBytes} bytes`);

/** What the signature covers: the query string of a GET, the body of anything else, read under the cap. */
async function signedBytes(request: Request, maxBytes: number): Promise<Uint8Array | Response> {
  if (request.method === 'GET') return signedQuery(request.url);
  if (Number(request.headers.get('content-length')) > maxBytes) return tooLarge(maxBytes);
  const read = await readCapped(request.body, { maxBytes, signal: request.signal });
  if (read.ok) return read.bytes;
  return read.reason === 'too-large' ? tooLarge(maxBytes) : errorResponse(400, 'body_unreadable', 'The body could not be read');
}

/** Runs `onEvent` unless the event was (or is being) delivered: claimed first, kept when it succeeded, released when it failed. */
async function deliverOnce(event: WebhookEvent, seen: SeenEvents, onEvent: WebhookSettings['onEvent'], log: (line: string) => void): Promise<Response> {
  const storeFailed = (error: unknown) => log(`the store failed: ${errorText(error)} (event ${event.eventId})`);
  let claim;
  try {
    claim = await seen.claim(event.eventId);
  } catch (error) {
    storeFailed(error);
    return errorResponse(503, 'store_unavailable', 'Delivered events cannot be checked right now');
  }
  if (claim === 'done') return jsonResponse(200, { status: 'duplicate' });
  if (claim === 'pending') return errorResponse(409, 'in_progress', 'This event is being delivered by another request');
  try {
    await onEvent(event);
  } catch (error) {
    log(`onEvent failed: ${errorText(error)} (event ${event.eventId}, ${event.eventType}); iAdvize will retry`);
    await seen.release(event.eventId).catch(storeFailed);
    return errorResponse(500, 'handler_failed', 'The event could not be handled');
  }
  await seen.done(event.eventId).catch(storeFailed);
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
  const seen = seenEvents(withDeadline(settings.store, 'createWebhookHandler'), settings.maxEventAgeMs + CLOCK_SKEW_MS);
  const redact = settings.secrets.map(redactor).reduce((all, one) => (text) => one(all(text)));
  const log = logger(settings.log, 'webhook', redact);
  const unauthorized = () => errorResponse(401, 'unauthorized', 'Missing or invalid x-iadvize-signature');

  return async function handleWebhook(request: Request): Promise<Response> {
    if (!['POST', 'PUT', 'GET'].includes(request.method)) return errorResponse(405, 'method_not_allowed', 'Webhooks are POST (or PUT, or a signed GET check)', ALLOW);
    const digest = signatureDigest(request.headers.get('x-iadvize-signature'));
    if (!digest) return unauthorized();
    const bytes = await signedBytes(request, settings.maxBodyBytes);
    if (bytes instanceof Response) return bytes;
    if (!(await verify(digest, bytes))) return unauthorized();
    // iAdvize checks that its callback URL answers with a signed GET; it carries no event.
    if (request.method === 'GET') return jsonResponse(200, { status: 'ok' });
    const decoded = await decodeWebhook(bytes, request.headers.get('content-type'));
    if ('error' in decoded) return errorResponse(400, decoded.error, decoded.message);
    const { event } = decoded;
    if (isStale(event, settings.maxEventAgeMs)) {
      log(`event ${event.eventId} (${event.eventType}) sent at ${String(event.sentAt ?? event.createdAt)} is outside the accepted window`);
      return errorResponse(400, 'stale_event', 'The event was sent too long ago, or in the future');
    }
    return deliverOnce(event, seen, settings.onEvent, log);
  };
}
