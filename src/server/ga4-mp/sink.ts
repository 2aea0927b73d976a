import { GA_CLIENT_ID } from '../../shared/chat-link.js';
import { GA4_WEBHOOK_EVENTS, isForwarded, mpEvent, type Ga4WebhookEvent, type Ga4WebhookEventType, type MpEvent } from './events.js';
import { ga4Settings, type Ga4MeasurementProtocolOptions } from './options.js';
import { batches } from './batches.js';
import { sendMp } from './transport.js';
import { errorText, logger } from '../http/log.js';
import { redactor } from '../http/redact.js';
import type { WebhookEvent } from '../iadvize/webhook-events.js';
import { recordedConsent } from '../links/link-consent.js';
import type { MpConsent } from './transport.js';

export type { Ga4MeasurementProtocolOptions, Ga4WebhookEvent, Ga4WebhookEventType };

/** What happened to the events a sink was given. */
export interface Ga4SinkStats {
  /** GA4 events the collection endpoint accepted. */
  sent: number;
  /** `clientId(event)` gave nothing, or something that is not a GA4 client id (logged): never invented. */
  skippedNoClientId: number;
  /** The chat link says the visitor denied analytics (logged): nothing of the conversation is sent. */
  skippedNoConsent: number;
  /** Not for GA4: other and unknown event types, events turned off, an answer without a numeric score. */
  ignored: number;
  /** Not accepted after the retries, or `clientId` threw: the sink rejected, so iAdvize retries the webhook. */
  failed: number;
  /** With `validate: true`: the validation server's messages. */
  invalid: number;
  /** HTTP requests made, retries included. */
  requests: number;
}

/** An `onEvent` for `createWebhookHandler` that forwards to GA4, with its counters and a `flush()` for shutdown. */
export interface Ga4Sink {
  (event: WebhookEvent): Promise<void>;
  readonly stats: Readonly<Ga4SinkStats>;
  /** Sends what waits for `batchMs` now, and resolves when every request in flight is done. */
  flush(): Promise<void>;
}

/** Google takes at most 25 events in one request. */
const MAX_BATCH = 25;

/**
 * The Measurement Protocol's `consent` for an event: what its chat link recorded, and `'DENIED'`
 * for what it did not (a link made before consent was recorded, a client id the site found itself).
 */
function mpConsent(event: object): MpConsent {
  const recorded = recordedConsent.get(event);
  return { ad_user_data: recorded?.ad_user_data ?? 'DENIED', ad_personalization: recorded?.ad_personalization ?? 'DENIED' };
}

/**
 * An `onEvent` sink for `createWebhookHandler` that sends GA4 events through the Measurement Protocol:
 * `chat_closed` (`chat_channel`), `chat_satisfaction_answered` (the numeric scores only),
 * `chat_transaction_attributed` (`value`, `currency`, `transaction_id` from `externalId`), dated by
 * `createdAt`, for the client id `clientId(event)` gives (no id: skipped and counted, never invented),
 * with the Measurement Protocol `consent` its chat link recorded (`'DENIED'` where none was); a
 * visitor whose link says analytics denied is never sent.
 * It resolves once Google accepted the event, and rejects when it could not send it, so the webhook
 * answers 500 and iAdvize retries.
 * @example
 * const onEvent = ga4MeasurementProtocol({ measurementId: 'G-XXXXXXXXXX', apiSecret, currency: 'EUR', clientId: linkedClientId(links) })
 */
export function ga4MeasurementProtocol(options: Ga4MeasurementProtocolOptions): Ga4Sink {
  const settings = ga4Settings(options);
  const log = logger(settings.log, 'ga4 measurement protocol', redactor(settings.apiSecret));
  const stats: Ga4SinkStats = { sent: 0, skippedNoClientId: 0, skippedNoConsent: 0, ignored: 0, failed: 0, invalid: 0, requests: 0 };
  // Events share a request when they share a client id and a consent: the key holds the three.
  const queue = batches<MpEvent>(settings.batchMs, MAX_BATCH, async (key, events) => {
    const [clientId, ad_user_data, ad_personalization] = key.split(' ') as [
      string,
      MpConsent['ad_user_data'],
      MpConsent['ad_personalization'],
    ];
    const result = await sendMp(
      settings.transport,
      { clientId, consent: { ad_user_data, ad_personalization } },
      events,
      () => stats.requests++,
    );
    if (!result.ok) {
      stats.failed += events.length;
      log(`${events.length} event(s) not sent: ${result.reason}`);
      throw new Error(`GA4 Measurement Protocol: ${result.reason}`);
    }
    stats.sent += events.length;
    stats.invalid += result.messages.length;
    for (const message of result.messages)
      log(`validation: ${message.validationCode ?? '?'} at ${message.fieldPath ?? '?'}: ${message.description ?? ''}`);
  });

  async function clientIdOf(event: Ga4WebhookEvent): Promise<string | undefined> {
    try {
      const id: unknown = await settings.clientId(event);
      if (id === undefined) return undefined;
      if (typeof id === 'string' && GA_CLIENT_ID.test(id)) return id;
      log(
        `clientId() returned ${typeof id === 'string' ? 'a string that is not a GA4 client id' : typeof id} for event ${event.eventId}: skipped`,
      );
      return undefined;
    } catch (error) {
      stats.failed++;
      // eslint-disable-next-line preserve-caught-error -- errorText() says what it was; the thrown value itself is never passed on, it may be personal
      throw new Error(`GA4 Measurement Protocol: clientId() threw ${errorText(error)}`);
    }
  }

  let toldOfExternalIds = false;
  // Said once: the value itself is never logged, it may be personal.
  const checkExternalId = (event: WebhookEvent) => {
    if (toldOfExternalIds || !event.known || event.eventType !== 'transaction.attributed' || event.externalId === undefined) return;
    if (settings.isOrderId(event.externalId)) return;
    toldOfExternalIds = true;
    log(
      `the externalId of event ${event.eventId} is not sent as transaction_id: it ${settings.ownPattern ? 'does not match orderIdPattern' : 'holds an email, 8 or more digits, or a token; if your order ids look so, pass orderIdPattern'} (said once)`,
    );
  };

  const sink = async (event: WebhookEvent): Promise<void> => {
    const name = isForwarded(event) ? settings.names[event.eventType] : undefined;
    const ga4Event = name && mpEvent(event as Ga4WebhookEvent, name, settings);
    if (ga4Event) checkExternalId(event);
    if (!ga4Event) return void stats.ignored++;
    const clientId = await clientIdOf(event as Ga4WebhookEvent);
    if (clientId === undefined && recordedConsent.get(event)?.analytics === 'DENIED') {
      log(`event ${event.eventId} skipped: its chat link says the visitor denied analytics`);
      return void stats.skippedNoConsent++;
    }
    if (clientId === undefined) return void stats.skippedNoClientId++;
    const consent = mpConsent(event);
    return queue.add(`${clientId} ${consent.ad_user_data} ${consent.ad_personalization}`, ga4Event);
  };
  return Object.assign(sink, { stats, flush: () => queue.flush() });
}

export { GA4_WEBHOOK_EVENTS };
