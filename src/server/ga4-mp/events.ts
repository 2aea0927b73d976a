import { ga4Params, type Ga4Params } from '../../shared/ga4-rules.js';
import type { KnownWebhookEvent, WebhookEvent } from '../iadvize/webhook-events.js';

/** The webhook events forwarded to GA4, and their default GA4 names. */
export const GA4_WEBHOOK_EVENTS = {
  'v2.conversation.closed': 'chat_closed',
  'satisfaction.answered': 'chat_satisfaction_answered',
  'transaction.attributed': 'chat_transaction_attributed',
} as const;

export type Ga4WebhookEventType = keyof typeof GA4_WEBHOOK_EVENTS;
export type Ga4WebhookEvent = KnownWebhookEvent<Ga4WebhookEventType>;

/** One event of a Measurement Protocol request. */
export interface MpEvent {
  name: string;
  params: Ga4Params;
  timestamp_micros?: number;
}

// Google backdates Measurement Protocol events by up to 72 hours; older ones get the request's time.
const MAX_BACKDATE_MS = 72 * 60 * 60 * 1000 - 10 * 60 * 1000;

/** iAdvize's documented channels: CHAT, CALL, VIDEO on the site, the others off it. Anything else is not sent. */
const CHANNELS = ['CHAT', 'CALL', 'VIDEO', 'FACEBOOK', 'FACEBOOK_BUSINESS_ON_MESSENGER', 'TWITTER', 'MOBILE_APP', 'SMS'];

/** What the sink sends besides the event: the currency of `amount`, and whether an `externalId` is an order id. */
export interface MpParamRules {
  currency: string | undefined;
  isOrderId: (externalId: string) => boolean;
}

export function isForwarded(event: WebhookEvent): event is Ga4WebhookEvent {
  return event.known && Object.prototype.hasOwnProperty.call(GA4_WEBHOOK_EVENTS, event.eventType);
}

/**
 * What GA4 may learn of an event: the channel of a closed conversation, the numeric scores of an
 * answer (never `satisfactionComment`, which the visitor typed), the amount, currency and the site's
 * own order id (`externalId`, when it passes `isOrderId`) of a transaction. No visitor, operator or conversation id. Undefined
 * when there is nothing to send (an answer with no score).
 */
function rawParams(event: Ga4WebhookEvent, { currency, isOrderId }: MpParamRules): Ga4Params | undefined {
  const params: Record<string, string | number | undefined> = {};
  if (event.eventType === 'v2.conversation.closed') {
    const channel = event.channel?.toUpperCase();
    if (channel && CHANNELS.includes(channel)) params.chat_channel = channel.toLowerCase();
  } else if (event.eventType === 'satisfaction.answered') {
    params.customer_satisfaction = event.customerSatisfaction;
    params.net_promoter_score = event.netPromoterScore;
    if (params.customer_satisfaction === undefined && params.net_promoter_score === undefined) return undefined;
  } else {
    const orderId = event.externalId !== undefined && isOrderId(event.externalId) ? event.externalId : undefined;
    Object.assign(params, { value: event.amount, currency, transaction_id: orderId });
  }
  for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
  return params as Ga4Params;
}

/** When the event happened, for GA4: its `createdAt` if Google will take it, else nothing (the request's time). */
function timestampMicros(createdAt: string | undefined, now: number): number | undefined {
  const at = createdAt === undefined ? NaN : Date.parse(createdAt);
  return at <= now && now - at < MAX_BACKDATE_MS ? at * 1000 : undefined;
}

/**
 * The GA4 event for a forwarded webhook event under `name`, with GA4's parameter rules applied (a
 * long `externalId` is cut to 100 characters); undefined when there is nothing to send.
 */
export function mpEvent(event: Ga4WebhookEvent, name: string, rules: MpParamRules, now = Date.now()): MpEvent | undefined {
  const raw = rawParams(event, rules);
  if (!raw) return undefined;
  // The parameters were made here for this event: GA4's rules are applied to them in place.
  ga4Params(raw);
  const params = raw;
  const timestamp = timestampMicros(event.createdAt, now);
  return timestamp === undefined ? { name, params } : { name, params, timestamp_micros: timestamp };
}
