import { text } from '../../shared/coerce.js';
import type { Transcript, TranscriptEntry } from '../../shared/transcript.js';
import { parisDate, parisTime } from '../iadvize/paris-time.js';

/**
 * Reads a conversation history from either iAdvize API into a `Transcript`:
 * - REST API v2 (`/api/2/conversation.json-unicode/:id?formatHistory=0`): `history` is a string of
 *   JSON records (or an array of them) `[type, "YYYY-MM-DD HH:MM:SS" (Paris time), text, epochMs?]`;
 * - API v1.7 (`getHistoryByID`): `history` is a list of `{ from, time, msg }` and the record has
 *   `datetime: "DD.MM.YYYY HH:MM"` (Paris time).
 * Real data is messy (the documentation's own sample spells `msg` as `msq`), so whatever cannot be
 * read is skipped rather than failing the whole transcript.
 */

const V2_TYPES: Record<number, TranscriptEntry['from']> = {
  1: 'operator',
  2: 'visitor',
  3: 'system',
  5: 'navigation',
  6: 'rich-operator',
  7: 'rich-visitor',
};
const V1_FROM: Record<string, TranscriptEntry['from']> = {
  navigation: 'navigation',
  visitor: 'visitor',
  operator: 'operator',
  alert: 'system',
};

/** v2's "YYYY-MM-DD HH:MM:SS", or with a T, and whatever follows. */
const V2_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

export type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

function v2Entry(item: unknown): TranscriptEntry | undefined {
  if (!Array.isArray(item)) return undefined;
  const [type, date, message, epochMs] = item as unknown[];
  // Only numbers and strings are converted: turning a nested array into a number recurses through all of it.
  const from = typeof type === 'number' || typeof type === 'string' ? V2_TYPES[Number(type)] : undefined;
  const entryText = text(message);
  if (!from || entryText === undefined) return undefined;
  const at = typeof epochMs === 'number' && isFinite(epochMs) ? epochMs : parisDate(date, V2_DATE);
  return at === undefined ? { from, text: entryText } : { from, text: entryText, at };
}

function v1Entries(history: unknown[], start: string | undefined): TranscriptEntry[] {
  // "27.12.2011 11:58": entries only say "HH:MM", on the chat's day (or the next, past midnight).
  const day = start ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})/.exec(start) : null;
  let dayOffset = 0;
  let previousMinutes = day ? Number(day[4]) * 60 + Number(day[5]) : -1;
  const entries: TranscriptEntry[] = [];
  for (const item of history) {
    if (!isObject(item)) continue;
    const from = typeof item.from === 'string' ? V1_FROM[item.from.toLowerCase()] : undefined;
    const entryText = text(item.msg) ?? text(item.msq) ?? text(item.message);
    if (!from || entryText === undefined) continue;
    const time = typeof item.time === 'string' ? /^(\d{1,2}):(\d{2})/.exec(item.time) : null;
    if (!day || !time) {
      entries.push({ from, text: entryText });
      continue;
    }
    const minutes = Number(time[1]) * 60 + Number(time[2]);
    if (minutes < previousMinutes) dayOffset++;
    previousMinutes = minutes;
    const at = parisTime(Number(day[3]), Number(day[2]), Number(day[1]) + dayOffset, Number(time[1]), Number(time[2]));
    entries.push(at === undefined ? { from, text: entryText } : { from, text: entryText, at });
  }
  return entries;
}

/**
 * `history` as a list. v2 sends it as a string of JSON records, with or without the outer brackets;
 * without `formatHistory=0` it may be text formatted for people, whose shape iAdvize does not document:
 * that is refused rather than guessed at.
 */
function historyList(history: unknown): unknown[] {
  if (Array.isArray(history)) return history;
  if (typeof history !== 'string') return isObject(history) ? Object.values(history) : [];
  const trimmed = history.trim();
  if (!trimmed) return [];
  try {
    // `[[...],[...]]` is the whole list; `[...],[...]` (the documented form) or one `[...]` need the brackets.
    const parsed: unknown = JSON.parse(/^\[\s*\[/.test(trimmed) ? trimmed : `[${trimmed}]`);
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // not JSON: formatted text
  }
  throw new TypeError('iadvize-bridge parseHistory: the history is formatted text, not records (ask iAdvize with formatHistory=0)');
}

/**
 * The conversation record in an API answer: the `{ meta, data }` envelope or a bare record, a record
 * or a list of records (the first one whose id is `chatId`, else the first). Undefined when none has a history.
 */
export function conversationRecord(raw: unknown, chatId?: string): Json | undefined {
  const body = isObject(raw) && 'data' in raw ? raw.data : raw;
  const records = (Array.isArray(body) ? body : [body]).filter(isObject);
  const record = records.find((candidate) => chatId !== undefined && sameChatId(text(candidate.id), chatId)) ?? records[0];
  return record && 'history' in record ? record : undefined;
}

/** Chat ids compare as numbers written in digits: `"0666"` is chat 666. */
export function sameChatId(a: string | undefined, b: string): boolean {
  const digits = (id: string) => id.replace(/^0+(?=\d)/, '');
  return a !== undefined && digits(a) === digits(b);
}

/** The entries of a conversation record, whichever API it came from. Throws a `TypeError` on formatted text. */
export function recordEntries(record: Json): TranscriptEntry[] {
  const list = historyList(record.history);
  return list.some(Array.isArray)
    ? list.map(v2Entry).filter((entry): entry is TranscriptEntry => entry !== undefined)
    : v1Entries(list, text(record.datetime));
}

/**
 * The transcript in an API answer (see `conversationRecord`). Throws a `TypeError` when no record with
 * a history can be found, or when the history is formatted text instead of records.
 * @example
 * const transcript = parseHistory(await response.json(), '666')
 */
export function parseHistory(raw: unknown, chatId?: string): Transcript {
  const record = conversationRecord(typeof raw === 'string' ? JSON.parse(raw) : raw, chatId);
  if (!record) throw new TypeError('iadvize-bridge parseHistory: no conversation history in this answer');
  return { chatId: text(record.id) ?? chatId ?? '', entries: recordEntries(record) };
}
