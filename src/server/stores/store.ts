import { checkKnownOptions } from '../../shared/known-options.js';
import { optionChecks } from '../http/options.js';

type Awaitable<T> = T | Promise<T>;

/**
 * Where the server entry keeps what it must remember for a while: webhook event ids already
 * delivered, and conversation -> GA client id links. One small interface, so a site running several
 * instances passes one shared store (`redisStore`) to every handler; the default is `memoryStore()`.
 * Values are short strings; every entry expires.
 */
export interface KeyValueStore {
  get(key: string): Awaitable<string | undefined>;
  set(key: string, value: string, ttlMs: number): Awaitable<void>;
  /** Sets `key` only if it is absent (or expired): true when it did. Atomic across instances for a shared store. */
  add(key: string, value: string, ttlMs: number): Awaitable<boolean>;
  delete(key: string): Awaitable<void>;
  /**
   * How long a handler waits for the store before it gives up and answers 503 (the call is not
   * cancelled): for each call of a webhook, for all the calls of one link request together. Default
   * 2000. `redisStore(client, { timeoutMs })` sets it.
   */
  readonly timeoutMs?: number;
}

/** Whether `value` has the four functions of a `KeyValueStore` (a store a site wrote itself is welcome). */
export function isKeyValueStore(value: unknown): value is KeyValueStore {
  return (
    typeof value === 'object' &&
    value !== null &&
    ['get', 'set', 'add', 'delete'].every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}

export interface MemoryStoreOptions {
  /**
   * The most entries kept of each kind (links, webhook ids, session counts); past it the oldest of
   * that kind goes first, but a live session count never does: a full one refuses (the link handler
   * answers 503) until counts expire. Each capped session takes up to `linksPerSession` + 1. Default 10,000.
   */
  maxEntries?: number;
}

type Entries = Map<string, { value: string; expires: number }>;

/**
 * A `KeyValueStore` in this process's memory, bounded in count and time: at most `maxEntries`
 * entries of each kind, each gone after its TTL. A key's kind is its prefix up to the first `:`
 * (`link:`, `webhook:`, `session:`), so one store can serve every handler: a flood of links never
 * evicts a delivered webhook's id. Enough for one instance; several instances need a shared store.
 * @example
 * const store = memoryStore({ maxEntries: 50_000 })
 */
export function memoryStore(options: MemoryStoreOptions = {}): KeyValueStore {
  checkKnownOptions('memoryStore()', options, ['maxEntries'] satisfies Array<keyof MemoryStoreOptions>);
  const { maxEntries = 10_000 } = options;
  if (!(Number.isInteger(maxEntries) && maxEntries > 0)) optionChecks('memoryStore').fail('`maxEntries` must be a positive integer');
  // One Map per kind; a Map keeps insertion order: the first entries are the oldest written, the first to evict.
  const kinds = new Map<string, Entries>();
  const entriesOf = (key: string) => {
    const kind = key.slice(0, Math.max(0, key.indexOf(':')));
    let entries = kinds.get(kind);
    if (!entries) kinds.set(kind, (entries = new Map() as Entries));
    return entries;
  };

  const live = (key: string, now: number) => {
    const entries = entriesOf(key);
    const entry = entries.get(key);
    if (entry && entry.expires <= now) entries.delete(key);
    return entry && entry.expires > now ? entry : undefined;
  };
  const write = (key: string, value: string, ttlMs: number, now: number) => {
    const entries = entriesOf(key);
    entries.delete(key);
    entries.set(key, { value, expires: now + ttlMs });
    for (const [oldest, entry] of entries) {
      if (entries.size <= maxEntries && entry.expires > now) break;
      // Evicting a session's live count would reset its cap.
      if (entry.expires > now && key.startsWith('session:')) {
        entries.delete(key);
        throw new Error(`memoryStore is full: ${maxEntries} live session counts (raise maxEntries)`);
      }
      entries.delete(oldest);
    }
  };

  return {
    get: (key) => live(key, Date.now())?.value,
    set: (key, value, ttlMs) => write(key, value, ttlMs, Date.now()),
    add(key, value, ttlMs) {
      const now = Date.now();
      if (live(key, now)) return false;
      write(key, value, ttlMs, now);
      return true;
    },
    delete: (key) => void entriesOf(key).delete(key),
  };
}
