import type { KeyValueStore } from '../stores/store.js';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * The window's HMAC key: random, written once with `add` so every instance sharing the store uses the
 * same one, cached here. Without it a SHA-256 of a user id is found back by hashing every user id.
 */
function windowKeys(windowMs: number) {
  let cached: { window: number; key: Promise<CryptoKey> } | undefined;
  return async (store: KeyValueStore, window: number, left: number): Promise<CryptoKey> => {
    if (cached?.window === window) return cached.key;
    const name = `salt:session:${window}`;
    const mine = base64url(crypto.getRandomValues(new Uint8Array(32)));
    // It outlives the window a little: instances' clocks differ.
    const salt = (await store.add(name, mine, left + windowMs)) ? mine : await store.get(name);
    if (!salt) throw new Error('the session salt vanished from the store');
    const key = crypto.subtle.importKey('raw', new TextEncoder().encode(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    cached = { window, key };
    return key;
  };
}

/**
 * At most `max` links per session key per window (fixed windows of `windowMs`), counted in the store
 * and exact across instances: each link takes a numbered slot with `add` (SET NX), which one request
 * only can win. A count beside the slots says where to start, so past the cap a request costs one
 * `get`; a request that found no slot free sets it to `max`, repairing a count written out of order.
 * Session keys are stored as an HMAC with the window's random salt, never as written.
 * Resolves to 0 when a slot was taken, else to the seconds until the window ends (`Retry-After`).
 */
export function sessionCap(max: number, windowMs: number): (store: KeyValueStore, sessionKey: string) => Promise<number> {
  const keyFor = windowKeys(windowMs);
  return async (store, sessionKey) => {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const left = (window + 1) * windowMs - now;
    const digest = await crypto.subtle.sign('HMAC', await keyFor(store, window, left), new TextEncoder().encode(sessionKey));
    const count = `session:${base64url(new Uint8Array(digest).subarray(0, 16))}:${window}`;
    const start = Math.min(max, Number(await store.get(count)) || 0);
    for (let slot = start; slot < max; slot++) {
      if (await store.add(`${count}:${slot}`, '1', left)) {
        await store.set(count, String(slot + 1), left);
        return 0;
      }
    }
    if (start < max) await store.set(count, String(max), left);
    return Math.max(1, Math.ceil(left / 1000));
  };
}
