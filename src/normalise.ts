import type { CALLBACKS, EventMap, EventType } from './events.js';
import { flag, text } from './shared/coerce.js';

/**
 * Turns a callback's argument into its event payload. The tag sends 0/1 flags, numeric or
 * string ids, `null`, or nothing at all, and two payload generations (2017 and 2019-2022);
 * anything else (wrong types, arrays, hostile getters) yields only the fields it could read.
 */

/** Measured by the state, never read from the tag. */
type Measured = 'durationMs' | 'resumed';
type FieldsOf<K extends EventType> = Exclude<keyof EventMap[K], Measured>;
type CallbackEvent = (typeof CALLBACKS)[keyof typeof CALLBACKS];
type WithFields = { [K in CallbackEvent]: FieldsOf<K> extends never ? never : K }[CallbackEvent];

/**
 * Payload field -> the tag's field it is read from (`a.b` reads a nested one).
 * The types make every payload field name its source, so the two cannot drift apart.
 */
const SOURCES: { [K in WithFields]: { [F in FieldsOf<K>]-?: string } } = {
  'chat:availability': { offline: 'offline', busy: 'busy' },
  'chat:started': { chatId: 'id', conversationId: 'conversationId', visitorId: 'vuid', startedBy: 'startedBy' },
  'chat:ended': { chatId: 'id', conversationId: 'conversationId', visitorId: 'vuid', endedBy: 'endedBy' },
  'invitation:displayed': { invitationId: 'id' },
  'call:availability': { offline: 'offline' },
  'rule:started': { ruleId: 'id', label: 'label' },
  'message:received': { text: 'msg', time: 'time', date: 'date', operatorId: 'operator.id', operatorExternalId: 'operator.externalId' },
  'message:sent': { text: 'msg', time: 'time' },
  'alert:received': { text: 'msg', time: 'time' },
  'offer:received': { name: 'name', url: 'url' },
  'link:received': { name: 'name', url: 'url', pushed: 'push' },
  'visitor:transferred': { operatorId: 'operatorId', historyId: 'historyId' },
};

/** Fields that are not strings: flags, and who started or ended a chat (the 2017 tag says `'proactif'`). */
const CONVERT: Record<string, (value: unknown) => unknown> = {
  offline: flag,
  busy: flag,
  pushed: flag,
  startedBy: (value) => oneOf(value === 'proactif' ? 'proactive' : value, ['operator', 'visitor', 'proactive']),
  endedBy: (value) => oneOf(value, ['operator', 'visitor']),
};

/** Reads an own property only: never the prototype chain, never a throwing getter. */
function field(raw: unknown, key: string): unknown {
  try {
    return raw !== null && typeof raw === 'object' && Object.prototype.hasOwnProperty.call(raw, key)
      ? (raw as Record<string, unknown>)[key]
      : undefined;
  } catch {
    return undefined;
  }
}

function oneOf(value: unknown, allowed: readonly string[]): unknown {
  return allowed.indexOf(value as string) >= 0 ? value : undefined;
}

/**
 * The payload of `type` read from `raw`: every field of the event map for documented shapes,
 * only the readable ones otherwise (so `'chatId' in event` means the tag sent one). Never throws.
 */
export function normalise<K extends EventType>(type: K, raw: unknown): EventMap[K] {
  const payload: Record<string, unknown> = {};
  const sources: Record<string, string> = (SOURCES as Record<string, Record<string, string>>)[type] ?? {};
  for (const name in sources) {
    const source = sources[name]!;
    const value = source.indexOf('.') < 0 ? field(raw, source) : source.split('.').reduce(field, raw);
    const read = (CONVERT[name] ?? text)(value);
    if (read !== undefined) payload[name] = read;
  }
  return payload as EventMap[K];
}
