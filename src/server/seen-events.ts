import type { KeyValueStore } from './store.js';

/**
 * How long a delivery in progress holds its event id. iAdvize retries 10 s and 30 s after a failed
 * attempt: a claim left by a crashed instance is gone before the last retry, which then delivers.
 */
export const CLAIM_MS = 20_000;

export interface SeenEvents {
  claim(eventId: string): Promise<Claim>;
  done(eventId: string): Promise<void>;
  release(eventId: string): Promise<void>;
}

/** `new`: deliver it now. `done`: delivered before. `pending`: another attempt is delivering it right now. */
export type Claim = 'new' | 'done' | 'pending';

/**
 * The memory of delivered event ids, over a `KeyValueStore`, so `onEvent` runs once per event id:
 * an id is claimed before `onEvent` runs, marked done after it succeeded (kept `rememberMs`), and
 * released when it failed, so iAdvize's retry delivers it again. Only verified events reach it.
 */
export function seenEvents(store: KeyValueStore, rememberMs: number): SeenEvents {
  const key = (eventId: string) => `webhook:${eventId}`;
  return {
    async claim(eventId) {
      if (await store.add(key(eventId), 'pending', CLAIM_MS)) return 'new';
      return (await store.get(key(eventId))) === 'done' ? 'done' : 'pending';
    },
    done: async (eventId) => store.set(key(eventId), 'done', rememberMs),
    release: async (eventId) => store.delete(key(eventId)),
  };
}
