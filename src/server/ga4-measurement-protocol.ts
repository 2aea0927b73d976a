import { GA_CLIENT_ID } from '../shared/chat-link.js';
import { GA4_WEBHOOK_EVENTS, isForwarded, mpEvent, type Ga4WebhookEvent, type Ga4WebhookEventType, type MpEvent } from './ga4-mp-events.js';
import { ga4Settings, type Ga4MeasurementProtocolOptions } from './ga4-mp-options.js';
import { sendMp } from './ga4-mp-transport.js';
import { errorText, logger } from './log.js';
import { redactor } from './redact.js';
import type { WebhookEvent } from './webhook-events.js';

export type { Ga4MeasurementProtocolOptions, Ga4WebhookEvent, Ga4WebhookEventType };

/** What happened to the events a sink was given. */
export interface Ga4SinkStats {
  /** GA4 events the collection endpoint accepted. */
  sent: number;
  /** `clientId(event)` gave nothing, or something that is not a GA4 client id (logged): never invented. */
  skippedNoClientId: number;
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

interface Batch {
  clientId: string;
  events: MpEvent[];
  waiters: { resolve: () => void; reject: (error: Error) => void }[];
  timer: ReturnType<typeof setTimeout>;
}

/** Google takes at most 25 events in one request. */
const MAX_BATCH = 25;

/**
 * An `onEvent` sink for `createWebhookHandler` that sends GA4 events through the Measurement Protocol:
 * `chat_closed` (`chat_channel`), `chat_satisfaction_answered` (the numeric scores only),
 * `chat_transaction_attributed` (`value`, `currency`, `transaction_id` from `externalId`), dated by
 * `createdAt`, for the client id `clientId(event)` gives (no id: skipped and counted, never invented).
 * It resolves once Google accepted the event, and rejects when it could not send it, so the webhook
 * answers 500 and iAdvize retries.
 * @example
 * const onEvent = ga4MeasurementProtocol({ measurementId: 'G-XXXXXXXXXX', apiSecret, currency: 'EUR', clientId: linkedClientId(links) })
 */
export function ga4MeasurementProtocol(options: Ga4MeasurementProtocolOptions): Ga4Sink {
  const settings = ga4Settings(options);
  const log = logger(settings.log, 'ga4 measurement protocol', redactor(settings.apiSecret));
  const stats: Ga4SinkStats = { sent: 0, skippedNoClientId: 0, ignored: 0, failed: 0, invalid: 0, requests: 0 };
  const open = new Map<string, Batch>();
  const inFlight = new Set<Promise<void>>();

  async function send(batch: Batch): Promise<void> {
    const result = await sendMp(settings.transport, batch.clientId, batch.events, () => stats.requests++);
    if (result.ok) {
      stats.sent += batch.events.length;
      stats.invalid += result.messages.length;
      for (const message of result.messages) log(`validation: ${message.validationCode ?? '?'} at ${message.fieldPath ?? '?'}: ${message.description ?? ''}`);
      for (const waiter of batch.waiters) waiter.resolve();
      return;
    }
    stats.failed += batch.events.length;
    log(`${batch.events.length} event(s) not sent: ${result.reason}`);
    for (const waiter of batch.waiters) waiter.reject(new Error(`GA4 Measurement Protocol: ${result.reason}`));
  }

  function dispatch(batch: Batch): void {
    clearTimeout(batch.timer);
    if (open.get(batch.clientId) === batch) open.delete(batch.clientId);
    const sending = send(batch).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }

  function enqueue(clientId: string, event: MpEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      let batch = open.get(clientId);
      if (!batch) {
        const created: Batch = { clientId, events: [], waiters: [], timer: setTimeout(() => dispatch(created), settings.batchMs) };
        open.set(clientId, (batch = created));
      }
      batch.events.push(event);
      batch.waiters.push({ resolve, reject });
      if (batch.events.length >= MAX_BATCH) dispatch(batch);
    });
  }

  async function clientIdOf(event: Ga4WebhookEvent): Promise<string | undefined> {
    try {
      const id: unknown = await settings.clientId(event);
      if (id === undefined) return undefined;
      if (typeof id === 'string' && GA_CLIENT_ID.test(id)) return id;
      log(`clientId() returned ${typeof id === 'string' ? 'a string that is not a GA4 client id' : typeof id} for event ${event.eventId}: skipped`);
      return undefined;
    } catch (error) {
      stats.failed++;
      throw new Error(`GA4 Measurement Protocol: clientId() threw ${errorText(error)}`);
    }
  }

  const sink = async (event: WebhookEvent): Promise<void> => {
    const name = isForwarded(event) ? settings.names[event.eventType] : undefined;
    const ga4Event = name && mpEvent(event as Ga4WebhookEvent, name, settings.currency);
    if (!ga4Event) return void stats.ignored++;
    const clientId = await clientIdOf(event as Ga4WebhookEvent);
    if (clientId === undefined) return void stats.skippedNoClientId++;
    return enqueue(clientId, ga4Event);
  };
  return Object.assign(sink, {
    stats,
    async flush() {
      for (const batch of [...open.values()]) dispatch(batch);
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  });
}

export { GA4_WEBHOOK_EVENTS };
