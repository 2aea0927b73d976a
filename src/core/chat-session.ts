import type { ChatState } from './state.js';

/**
 * Where the chat record of `bridge.state` outlives a page change: the tab's `sessionStorage`, so a
 * chat that started on a product page is still the chat going on after the visitor navigates.
 * Stored: ids, who started it, start time, message counts, first response time, and when the
 * visitor's first message came (to measure that response on a later page). Never a message text.
 */

/** What is stored: the chat record and what the state needs to go on measuring. */
interface StoredChat {
  chat: ChatState;
  firstVisitorMessageAt?: number;
}

export interface ChatStore {
  read(): StoredChat | undefined;
  write(record: StoredChat): void;
  /** Forgets the stored record (a later `install({ persist: false })`). */
  clear(): void;
}

export const STORAGE_KEY = 'iadvize-bridge:chat';
/** A stored chat nobody heard of for this long is over, whatever the tag failed to say. */
export const STORED_CHAT_TTL_MS = 2 * 60 * 60 * 1000;

const MEMORY_ONLY: ChatStore = { read: () => undefined, write: () => {}, clear: () => {} };

type Check = (value: unknown, now: number) => boolean;
const optional =
  (check: Check): Check =>
  (value, now) =>
    value === undefined || check(value, now);
const isText = optional((value) => typeof value === 'string' && value.length <= 200);
const isTime = optional((value, now) => typeof value === 'number' && value > 0 && value <= now);
const isCount: Check = (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e6;

/** Every field of the stored chat record and what it must be: anything else is not this version's record. */
const FIELDS: Record<keyof ChatState, Check> = {
  active: (value) => typeof value === 'boolean',
  chatId: isText,
  conversationId: isText,
  visitorId: isText,
  startedBy: optional((value) => value === 'operator' || value === 'visitor' || value === 'proactive'),
  startedAt: isTime,
  messagesSent: isCount,
  messagesReceived: isCount,
  firstResponseMs: optional((value) => typeof value === 'number' && value >= 0 && isFinite(value)),
};

/** The record, if storage holds one this version wrote, recently, with every field of the right type. */
function validate(raw: unknown, now: number): StoredChat | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { v, savedAt, chat, firstVisitorMessageAt } = raw as Record<string, unknown>;
  // A record "saved" in the future (a clock set back, another script) would never grow old: refused.
  if (
    v !== 1 ||
    typeof savedAt !== 'number' ||
    !(savedAt <= now && now - savedAt < STORED_CHAT_TTL_MS) ||
    !chat ||
    typeof chat !== 'object'
  )
    return undefined;
  if (!isTime(firstVisitorMessageAt, now)) return undefined;
  // Only the known fields are taken: anything else someone wrote there stays there.
  const record: Record<string, unknown> = {};
  for (const key of Object.keys(FIELDS) as Array<keyof ChatState>) {
    const value = (chat as Record<string, unknown>)[key];
    if (!FIELDS[key](value, now)) return undefined;
    if (value !== undefined) record[key] = value;
  }
  return { chat: record as unknown as ChatState, firstVisitorMessageAt: firstVisitorMessageAt as number | undefined };
}

/**
 * The tab's chat store, or one that keeps nothing (`persist: false`, or no usable storage). Storage
 * that throws (disabled, sandboxed, full) falls back to memory silently: the chat itself goes on.
 */
export function createChatStore(win: Window, persist: boolean): ChatStore {
  if (!persist) return MEMORY_ONLY;
  let storage: Storage | undefined;
  try {
    storage = win.sessionStorage;
  } catch {
    return MEMORY_ONLY;
  }
  if (!storage) return MEMORY_ONLY;
  const store = storage;
  return {
    read() {
      try {
        return validate(JSON.parse(store.getItem(STORAGE_KEY) ?? 'null'), Date.now());
      } catch {
        return undefined;
      }
    },
    write(record) {
      try {
        store.setItem(STORAGE_KEY, JSON.stringify({ v: 1, savedAt: Date.now(), ...record }));
      } catch {
        // Full or refused: the record lives in memory for this page.
      }
    },
    clear() {
      try {
        store.removeItem(STORAGE_KEY);
      } catch {
        // Nothing was kept there, or nothing can be.
      }
    },
  };
}
