import { errorText } from '../http/log.js';
import type { KeyValueStore } from '../stores/store.js';

/**
 * How long a claim outlives the instance that holds it. It is renewed every third of this while
 * `onEvent` runs, so only a crashed instance lets it lapse: iAdvize retries 10 s and 30 s after a
 * failed attempt, and its last retry then delivers.
 */
const CLAIM_MS = 20_000;

/** A delivery in progress: renewed until it is `done` (kept) or `released` (iAdvize's retry runs it again). */
interface HeldClaim {
  done(): Promise<void>;
  release(): Promise<void>;
}

/** `done`: delivered before. `pending`: another attempt is delivering it right now. */
type Claim = HeldClaim | 'done' | 'pending';

export interface SeenEvents {
  claim(eventId: string): Promise<Claim>;
}

export interface SeenEventsOptions {
  /** How long a delivered id is kept. */
  rememberMs: number;
  /** How long after its delivery an event can still pass the age check: `rememberMs` may not be shorter. */
  acceptedForMs: number;
  claimMs?: number;
  /** A renewal that failed, or a claim the store lost: a duplicate may then run. */
  log: (message: string) => void;
}

/**
 * The memory of delivered event ids, over a `KeyValueStore`, so `onEvent` runs once per event id: an
 * id is claimed (with a token of this attempt) before `onEvent` runs, renewed while it runs if the
 * token is still there (a get then a set: a claim renewed at a third of its life cannot lapse in
 * between unless the store takes longer than that), kept `rememberMs` once it succeeded, and released
 * when it failed. Only verified events reach it.
 */
export function seenEvents(store: KeyValueStore, { rememberMs, acceptedForMs, claimMs = CLAIM_MS, log }: SeenEventsOptions): SeenEvents {
  // A replay accepted by age after its id was forgotten would run again.
  if (!(rememberMs >= acceptedForMs))
    throw new RangeError(`delivered ids must be kept (${rememberMs} ms) at least as long as events are accepted (${acceptedForMs} ms)`);
  const key = (eventId: string) => `webhook:${eventId}`;

  function hold(eventId: string, token: string): HeldClaim {
    let lost = false;
    let ended = false;
    let renewing: Promise<void> = Promise.resolve();
    const renew = async () => {
      try {
        // Checked again after the get: a renewal's set landing after `done` would turn the id back into a claim that lapses.
        if ((await store.get(key(eventId))) === token) return void (ended || (await store.set(key(eventId), token, claimMs)));
        lost = true;
        log(`the claim on event ${eventId} was lost from the store while onEvent ran: a duplicate may run`);
      } catch (error) {
        log(`the claim on event ${eventId} could not be renewed: ${errorText(error)}`);
      }
      if (lost) clearInterval(timer);
    };
    const timer = setInterval(() => void (renewing = renew()), claimMs / 3);
    (timer as { unref?: () => void }).unref?.();
    const end = async () => {
      ended = true;
      clearInterval(timer);
      await renewing;
    };
    return {
      async done() {
        await end();
        await store.set(key(eventId), 'done', rememberMs);
      },
      async release() {
        await end();
        // Only our own claim: another attempt may hold the id if ours was lost.
        if ((await store.get(key(eventId))) === token) await store.delete(key(eventId));
      },
    };
  }

  return {
    async claim(eventId) {
      const token = `pending:${crypto.randomUUID()}`;
      if (await store.add(key(eventId), token, claimMs)) return hold(eventId, token);
      return (await store.get(key(eventId))) === 'done' ? 'done' : 'pending';
    },
  };
}
