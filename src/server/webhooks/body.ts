import { parisDate } from '../iadvize/paris-time.js';
import { formFields, plainCopy, type PlainValue } from '../http/plain-json.js';
import { webhookEvent, type WebhookEvent } from '../iadvize/webhook-events.js';

export type Decoded = { event: WebhookEvent } | { error: string; message: string };

const EVENT_ID = /^[\x21-\x7e]{1,200}$/;
const EVENT_TYPE = /^[A-Za-z0-9._-]{1,100}$/;
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });
const isRecord = (value: unknown): value is { [key: string]: PlainValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const garbage = (message: string): Decoded => ({ error: 'invalid_payload', message });

/** The push API's "2014-01-01 00:00:00", Paris time, as ISO 8601 UTC. */
function pushTime(value: unknown): string | undefined {
  const at = parisDate(value, /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/);
  return at === undefined ? undefined : new Date(at).toISOString();
}

const PUSH_TYPES = /* @__PURE__ */ new Map([
  ['operator.login', 'user.connected'],
  ['operator.logout', 'user.disconnected'],
  ['conversation.start', 'conversation.started'],
  ['conversation.end', 'conversation.closed'],
]);
const PUSH_FIELDS = /* @__PURE__ */ new Map([
  ['operator_id', 'operatorId'],
  ['conversation_id', 'conversationId'],
  ['type', 'channel'],
  ['website_id', 'websiteId'],
  ['group_id', 'groupId'],
  ['custom_data', 'customData'],
]);
const PUSH_OPERATOR_FIELDS = /* @__PURE__ */ new Map([['operator_id', 'userId']]);

/**
 * The 2017 push API's `{ name, datetime: { created, sent }, parameters }` as a webhook event of the
 * same meaning. It has no event id: a digest of the body stands for one, the same in every retry.
 */
async function fromPushApi(body: { [key: string]: PlainValue }, bytes: Uint8Array): Promise<{ [key: string]: PlainValue }> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  const eventId = `push-${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  const name = body.name as string; // the caller checked it is one
  const parameters = body.parameters as { [key: string]: PlainValue };
  const datetime = isRecord(body.datetime) ? body.datetime : {};
  const fields: { [key: string]: PlainValue } = {};
  // An operator event is about a user of the desk: the webhooks call that id `userId`.
  const names = name.startsWith('operator.') ? PUSH_OPERATOR_FIELDS : PUSH_FIELDS;
  for (const [key, value] of Object.entries(parameters)) fields[names.get(key) ?? key] = value;
  // Written last: a parameter cannot choose the event's id or type.
  fields.eventId = eventId;
  fields.eventType = PUSH_TYPES.get(name) ?? name;
  const createdAt = pushTime(datetime.created);
  const sentAt = pushTime(datetime.sent);
  if (createdAt) fields.createdAt = createdAt;
  if (sentAt) fields.sentAt = sentAt;
  return fields;
}

/**
 * The bytes alone say what they are: a JSON object is JSON, and only text that is not JSON at all is
 * read as a form. The `Content-Type` header is not signed: were it to pick the parser, signed JSON
 * could be replayed as a form (a visitor's comment holding `&eventId=...&amount=...`).
 */
function parse(text: string): { [key: string]: PlainValue } | undefined | 'too-deep' {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Text that opens like JSON is broken JSON, never a form: its strings could carry `&eventId=...`.
    return /^[\s\uFEFF]*[{[]/.test(text) ? undefined : formFields(text);
  }
  const copy = plainCopy(parsed);
  return copy === undefined ? 'too-deep' : isRecord(copy) ? copy : undefined;
}

/**
 * A verified body as one typed event: a JSON object, or (only when the text is not JSON) an
 * `application/x-www-form-urlencoded` form, whatever the content type says. Garbage is an error to answer with 400.
 */
export async function decodeWebhook(bytes: Uint8Array): Promise<Decoded> {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return garbage('The body is not UTF-8');
  }
  const body = parse(text);
  if (body === 'too-deep') return garbage('The body nests too deeply');
  if (!body) return garbage('The body is neither a JSON object nor a form without repeated fields');
  const pushApi = body.eventType === undefined && typeof body.name === 'string' && isRecord(body.parameters);
  const fields = pushApi ? await fromPushApi(body, bytes) : body;
  const { eventId, eventType } = fields;
  if (typeof eventId !== 'string' || !EVENT_ID.test(eventId)) return garbage('eventId must be 1 to 200 printable ASCII characters');
  if (typeof eventType !== 'string' || !EVENT_TYPE.test(eventType)) return garbage('eventType must be 1 to 100 of A-Z a-z 0-9 . _ -');
  return { event: webhookEvent({ ...fields, eventId, eventType }) };
}
