import type { KeyValueStore } from './store.js';

/** How long a handler waits for one store call by default: well under the 5 s a webhook sender or a beacon waits. */
export const STORE_TIMEOUT_MS = 2000;

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/**
 * `store` with a deadline on every call, so a handler answers 503 instead of waiting: during a Redis
 * outage ioredis queues commands and fails them only after 20 reconnection attempts (over a minute).
 * The call is not cancelled, only no longer waited for. A call that answers at once (`memoryStore`)
 * gets no timer.
 */
export function withDeadline(store: KeyValueStore, factory: string): KeyValueStore {
  const ms = store.timeoutMs ?? STORE_TIMEOUT_MS;
  if (!(typeof ms === 'number' && ms > 0 && ms < 2 ** 31)) {
    throw new TypeError(`iadvize-bridge ${factory}(): the store's \`timeoutMs\` must be a positive number of milliseconds, not ${String(ms)}`);
  }
  function timed<T>(call: () => T | PromiseLike<T>): Promise<T> {
    let result: T | PromiseLike<T>;
    try {
      result = call();
    } catch (error) {
      return Promise.reject(error);
    }
    if (!isThenable(result)) return Promise.resolve(result);
    const pending = result;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(Object.assign(new Error(`did not answer within ${ms} ms (the store's timeoutMs)`), { name: 'TimeoutError' })), ms);
      pending.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  }
  return {
    timeoutMs: ms,
    get: (key) => timed(() => store.get(key)),
    set: (key, value, ttlMs) => timed(() => store.set(key, value, ttlMs)),
    add: (key, value, ttlMs) => timed(() => store.add(key, value, ttlMs)),
    delete: (key) => timed(() => store.delete(key)),
  };
}
