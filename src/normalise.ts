import type { EventMap, EventType } from './events.js';

/**
 * Turns a callback's argument into its event payload. The tag sends 0/1 flags, numeric or
 * string ids, `null`, or nothing at all, and two payload generations (2017 and 2019-2022);
 * anything else (wrong types, arrays, hostile getters) yields only the fields it could read.
 */

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

/** Ids and texts are strings whatever the tag sends: `123` becomes `"123"`. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && isFinite(value)) return String(value);
  return undefined;
}

/** The tag's flags are 0/1 (numbers or strings) in some versions and booleans in others. */
function flag(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.indexOf(value as T) >= 0 ? (value as T) : undefined;
}

/** Drops the fields that could not be read, so `'chatId' in event` means the tag sent one. */
function readable<T extends object>(payload: T): T {
  for (const key in payload) if (payload[key] === undefined) delete payload[key];
  return payload;
}

const texts = (raw: unknown, ...keys: string[]): Array<string | undefined> => keys.map((key) => text(field(raw, key)));

type PayloadOf<K extends EventType> = EventMap[K];
/** The types whose payload has fields the tag sends (the others carry only type/at/raw). */
type WithPayload = { [K in EventType]: keyof EventMap[K] extends never ? never : K }[EventType];

const normalisers: { [K in WithPayload]: (raw: unknown) => Partial<PayloadOf<K>> } = {
  'chat:availability': (raw) => ({ offline: flag(field(raw, 'offline')), busy: flag(field(raw, 'busy')) }),
  'chat:started': (raw) => {
    const startedBy = field(raw, 'startedBy');
    const [chatId, conversationId, visitorId] = texts(raw, 'id', 'conversationId', 'vuid');
    return {
      chatId,
      conversationId,
      visitorId,
      startedBy: startedBy === 'proactif' ? 'proactive' : oneOf(startedBy, ['operator', 'visitor', 'proactive']),
    };
  },
  'chat:ended': (raw) => ({ chatId: text(field(raw, 'id')), endedBy: oneOf(field(raw, 'endedBy'), ['operator', 'visitor']) }),
  'invitation:displayed': (raw) => ({ invitationId: text(field(raw, 'id')) }),
  'call:availability': (raw) => ({ offline: flag(field(raw, 'offline')) }),
  // durationMs is measured by the state, not sent by the tag.
  'call:ended': () => ({}),
  'rule:started': (raw) => {
    const [ruleId, label] = texts(raw, 'id', 'label');
    return { ruleId, label };
  },
  'message:received': (raw) => {
    const [text_, time, date] = texts(raw, 'msg', 'time', 'date');
    const [operatorId, operatorExternalId] = texts(field(raw, 'operator'), 'id', 'externalId');
    return { text: text_, time, date, operatorId, operatorExternalId };
  },
  'message:sent': (raw) => message(raw),
  'alert:received': (raw) => message(raw),
  'offer:received': (raw) => {
    const [name, url] = texts(raw, 'name', 'url');
    return { name, url };
  },
  'link:received': (raw) => {
    const [name, url] = texts(raw, 'name', 'url');
    return { name, url, pushed: flag(field(raw, 'push')) };
  },
  'visitor:transferred': (raw) => {
    const [operatorId, historyId] = texts(raw, 'operatorId', 'historyId');
    return { operatorId, historyId };
  },
};

function message(raw: unknown): Partial<EventMap['message:sent']> {
  const [text_, time] = texts(raw, 'msg', 'time');
  return { text: text_, time };
}

/**
 * The payload of `type` read from `raw`. Documented shapes give every field of the event map;
 * undocumented input gives the fields that could be read and never throws.
 */
export function normalise<K extends EventType>(type: K, raw: unknown): EventMap[K] {
  const read = (normalisers as Record<string, ((raw: unknown) => object) | undefined>)[type];
  return readable(read ? read(raw) : {}) as EventMap[K];
}
