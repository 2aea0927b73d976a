import type { KeyValueStore } from './store.js';

/** The session key as stored: a SHA-256 (first 128 bits, base64url), so no session id sits in the store. */
async function hashed(sessionKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(sessionKey)));
  return btoa(String.fromCharCode(...digest.subarray(0, 16))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * At most `max` links per session key per window (fixed windows of `windowMs`), counted in the store
 * and exact across instances: each link takes a numbered slot with `add` (SET NX), which one request
 * only can win. A count beside the slots says where to start, so past the cap a request costs one `get`.
 * Resolves to 0 when a slot was taken, else to the seconds until the window ends (`Retry-After`).
 */
export function sessionCap(store: KeyValueStore, max: number, windowMs: number): (sessionKey: string) => Promise<number> {
  return async (sessionKey) => {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const left = (window + 1) * windowMs - now;
    const count = `session:${await hashed(sessionKey)}:${window}`;
    for (let slot = Math.min(max, Number(await store.get(count)) || 0); slot < max; slot++) {
      if (await store.add(`${count}:${slot}`, '1', left)) {
        await store.set(count, String(slot + 1), left);
        return 0;
      }
    }
    return Math.max(1, Math.ceil(left / 1000));
  };
}
