import { flag, text } from '../shared/coerce.js';
import type { CALLBACKS, CoreEvents } from './events.js';

/**
 * Turns a callback's argument into its event payload. The tag sends 0/1 flags, numeric or
 * string ids, `null`, or nothing at all, and several payload generations (2017 to today);
 * anything else (wrong types, arrays, hostile getters) yields only the fields it could read.
 */

/** Measured by the state, never read from the tag. */
type Measured = 'durationMs' | 'resumed';
type FieldsOf<K extends keyof CoreEvents> = Exclude<keyof CoreEvents[K], Measured>;
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

const oneOf = (allowed: readonly string[]) => (value: unknown) => (allowed.indexOf(value as string) >= 0 ? value : undefined);

/** Fields that are not strings: flags, and who started or ended a chat (the 2017 tag says `'proactif'`). */
const CONVERT: Record<string, (value: unknown) => unknown> = {
  offline: flag,
  busy: flag,
  pushed: flag,
  startedBy: (value) => oneOf(['operator', 'visitor', 'proactive'])(value === 'proactif' ? 'proactive' : value),
  endedBy: oneOf(['operator', 'visitor']),
};

// eslint-disable-next-line @typescript-eslint/unbound-method -- only ever called as hasOwn.call(object, key)
const hasOwn = Object.prototype.hasOwnProperty;

/** Reads an own property only: never the prototype chain, never a throwing getter. */
function field(raw: unknown, key: string): unknown {
  try {
    return raw !== null && typeof raw === 'object' && hasOwn.call(raw, key) ? (raw as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** Adds to `event` the payload fields of its type read from `raw`; undefined for a type without fields. */
export type Reader = (event: Record<string, unknown>, raw: unknown) => void;

/**
 * The reader of one event type, compiled once from `SOURCES`: a field that cannot be read is left
 * out, never guessed (so `'chatId' in event` means the tag sent one). Never throws.
 */
export function readerFor(type: string): Reader | undefined {
  const sources = (SOURCES as Record<string, Record<string, string>>)[type];
  if (!sources) return undefined;
  // One small reader per field, fixed here: the event path walks no table.
  const fields = Object.keys(sources).map((name): Reader => {
    const [key, nested] = sources[name].split('.') as [string, string?];
    const convert = CONVERT[name] ?? text;
    return (event, raw) => {
      const value = convert(nested === undefined ? field(raw, key) : field(field(raw, key), nested));
      if (value !== undefined) event[name] = value;
    };
  });
  return (event, raw) => {
    for (let i = 0; i < fields.length; i++) fields[i](event, raw);
  };
}
