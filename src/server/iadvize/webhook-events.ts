/**
 * iAdvize's webhook events as one typed union keyed by `eventType`, with iAdvize's own field names.
 * One row per event type in `WEBHOOK_FIELDS` drives both the types and the checks: the payloads of
 * iAdvize's documentation (docs/webhooks.md), the deprecated `conversation.*` events, and the
 * 2017 push API once mapped (see webhooks/body.ts).
 */
import type { PlainValue } from '../http/plain-json.js';

type Reader<T> = (value: unknown) => T | undefined;
interface Field<T, Required extends boolean> {
  read: Reader<T>;
  required: Required;
}
const required = <T>(read: Reader<T>): Field<T, true> => ({ read, required: true });
const optional = <T>(read: Reader<T>): Field<T, false> => ({ read, required: false });

// Form bodies carry every value as text: numbers are read from numeric text too.
const NUMBER = /^-?\d+(\.\d+)?$/;
const number: Reader<number> = (value) => {
  const parsed = typeof value === 'string' && NUMBER.test(value) ? Number(value) : value;
  return typeof parsed === 'number' && isFinite(parsed) ? parsed : undefined;
};
const text: Reader<string> = (value) => (typeof value === 'string' ? value : undefined);
const id: Reader<string> = (value) => (typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined);
const textOrNull: Reader<string | null> = (value) => (value === null ? null : text(value));
const numbers: Reader<number[]> = (value) => {
  const list = Array.isArray(value) ? value.map(number) : undefined;
  return list?.every((item) => item !== undefined) ? list : undefined;
};
const availabilities: Reader<{ channel: string; status: string }[]> = (value) => {
  if (!Array.isArray(value)) return undefined;
  const list = value.map((item) => {
    const { channel, status } = (item ?? {}) as Record<string, unknown>;
    return typeof channel === 'string' && typeof status === 'string' ? { channel, status } : undefined;
  });
  return list.every((item) => item !== undefined) ? list : undefined;
};
const plain: Reader<PlainValue> = (value) => value as PlainValue;

const v2Conversation = {
  conversationId: required(id),
  channel: optional(text),
  visitorId: optional(text),
  visitorExternalId: optional(textOrNull),
};
const user = { userId: required(number) };
// The deprecated events and the push API: integer conversation ids, a website instead of a project.
const legacyConversation = {
  conversationId: required(number),
  websiteId: optional(number),
  operatorId: optional(number),
  channel: optional(text),
  visitorId: optional(text),
  /** Push API only. */ groupId: optional(number),
};

/** Every event type iAdvize documents -> its fields beyond the common ones. */
const WEBHOOK_FIELDS = {
  'v2.conversation.pushed': { ...v2Conversation, operatorId: optional(number) },
  'v2.conversation.closed': { ...v2Conversation, operatorIds: optional(numbers) },
  'user.created': user,
  'user.updated': user,
  'user.connected': user,
  'user.disconnected': user,
  'user.availability.updated': { ...user, origin: optional(text), availabilities: optional(availabilities) },
  'visitor.updated': { visitorId: required(id), operatorId: optional(number) },
  'satisfaction.answered': {
    conversationId: required(id),
    customerSatisfaction: optional(number),
    netPromoterScore: optional(number),
    /** Free text typed by the visitor: personal data. */ satisfactionComment: optional(text),
    customQuestion: optional(plain),
  },
  'transaction.attributed': {
    transactionId: required(id),
    conversationId: required(id),
    amount: required(number),
    externalId: optional(text),
    source: optional(text),
    operatorId: optional(number),
    receivedAt: optional(text),
  },
  'conversation.started': { ...legacyConversation, /** Push API only. */ customData: optional(plain) },
  'conversation.transferred': { ...legacyConversation, transferredConversationId: optional(number) },
  'conversation.closed': legacyConversation,
} satisfies Record<string, Record<string, Field<unknown, boolean>>>;

export type WebhookEventType = keyof typeof WEBHOOK_FIELDS;

/** The event types this version knows, in the order of iAdvize's documentation, the deprecated ones last. */
export const WEBHOOK_EVENT_TYPES = /* @__PURE__ */ Object.keys(WEBHOOK_FIELDS) as readonly WebhookEventType[];
type Fields = (typeof WEBHOOK_FIELDS)[WebhookEventType];
type Shape<S> = { [K in keyof S as S[K] extends Field<unknown, true> ? K : never]: S[K] extends Field<infer T, true> ? T : never } & {
  [K in keyof S as S[K] extends Field<unknown, false> ? K : never]?: S[K] extends Field<infer T, false> ? T : never;
};
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** What every event has. `known: true` once its type and its required fields were checked. */
export interface WebhookEventBase {
  /** iAdvize's id of the event, the same in its retries (for the push API: a digest of the body). */
  eventId: string;
  platform?: string;
  clientId?: number;
  projectId?: number;
  /** ISO 8601. */
  createdAt?: string;
  sentAt?: string;
}

/** One documented event, narrowed by `eventType`: `if (event.known && event.eventType === 'satisfaction.answered')`. */
export type KnownWebhookEvent<K extends WebhookEventType = WebhookEventType> = K extends WebhookEventType
  ? Flat<WebhookEventBase & { known: true; eventType: K } & Shape<(typeof WEBHOOK_FIELDS)[K]>>
  : never;

/** An event of a type this version does not know, or without the fields its type requires: delivered as iAdvize sent it. */
export interface UnknownWebhookEvent extends WebhookEventBase {
  known: false;
  eventType: string;
  [field: string]: PlainValue | undefined;
}

export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;

const COMMON = {
  platform: optional(text),
  clientId: optional(number),
  projectId: optional(number),
  createdAt: optional(text),
  sentAt: optional(text),
};

/**
 * The typed event for `fields` (a plain object of iAdvize's fields, `eventId` and `eventType` checked):
 * known when its type is documented and its required fields are there, unknown otherwise. Fields
 * beyond the documented ones are kept as sent; documented ones of the wrong type are left out.
 */
export function webhookEvent(fields: Record<string, PlainValue> & { eventId: string; eventType: string }): WebhookEvent {
  // Own rows only: `toString` or `constructor` are event types iAdvize could name, not rows.
  if (!Object.prototype.hasOwnProperty.call(WEBHOOK_FIELDS, fields.eventType)) return { ...fields, known: false };
  const spec = (WEBHOOK_FIELDS as Record<string, Fields>)[fields.eventType];
  const event: Record<string, unknown> = { ...fields, known: true };
  for (const [name, field] of Object.entries({ ...COMMON, ...spec }) as [string, Field<unknown, boolean>][]) {
    const value = name in fields ? field.read(fields[name]) : undefined;
    if (value === undefined) delete event[name];
    else event[name] = value;
    if (value === undefined && field.required) return { ...fields, known: false };
  }
  return event as KnownWebhookEvent;
}
