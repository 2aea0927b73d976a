import { optionChecks } from '../http/options.js';
import type { KeyValueStore } from './store.js';

/** How long a handler waits for the store by default: well under the 5 s a webhook sender or a beacon waits. */
export const STORE_TIMEOUT_MS = 2000;

/** A store whose calls give up at a deadline; `budget()` gives one request one deadline for all its calls. */
export interface DeadlineStore extends KeyValueStore {
  readonly timeoutMs: number;
  /** A view of the store whose calls share one deadline, `timeoutMs` from now: a request's calls together. */
  budget(): KeyValueStore;
}

/** Whether `ms` can be a store's `timeoutMs`: a positive number a timer takes (under 2^31 ms). */
export const isTimeout = (ms: unknown): ms is number => typeof ms === 'number' && ms > 0 && ms < 2 ** 31;

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';
const timeoutError = (ms: number) =>
  Object.assign(new Error(`did not answer within ${ms} ms (the store's timeoutMs)`), { name: 'TimeoutError' });

/**
 * `store` with a deadline, so a handler answers 503 instead of waiting: during a Redis outage ioredis
 * queues commands and fails them only after 20 reconnection attempts (over a minute). A call is not
 * cancelled, only no longer waited for; an `add` that lands after its deadline is deleted again (if
 * the key still holds what it wrote), so a 503 leaves no key behind: a webhook claim left there would
 * turn iAdvize's retry into a 409. A call that answers at once (`memoryStore`) gets no timer.
 */
export function withDeadline(store: KeyValueStore, factory: string): DeadlineStore {
  const ms = store.timeoutMs ?? STORE_TIMEOUT_MS;
  if (!isTimeout(ms)) optionChecks(factory).fail(`the store's \`timeoutMs\` must be a positive number of milliseconds, not ${String(ms)}`);
  function timed<T>(until: number, call: () => T | PromiseLike<T>, late?: (value: T) => unknown): Promise<T> {
    const left = until - Date.now();
    if (left <= 0) return Promise.reject(timeoutError(ms));
    let result: T | PromiseLike<T>;
    try {
      result = call();
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what the store threw, passed on as it was
      return Promise.reject(error);
    }
    if (!isThenable(result)) return Promise.resolve(result);
    const pending = result;
    return new Promise<T>((resolve, reject) => {
      let missed = false;
      const timer = setTimeout(() => reject(((missed = true), timeoutError(ms))), left);
      pending.then(
        (value) => (clearTimeout(timer), missed ? late?.(value) : resolve(value)),
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what the store rejected with, passed on as it was
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  }
  // Exactly what the late add wrote: another value there is someone else's.
  const undoAdd = (key: string, value: string) => (added: boolean) =>
    added &&
    Promise.resolve()
      .then(() => store.get(key))
      .then((now) => (now === value ? store.delete(key) : undefined))
      .catch(() => undefined);
  const within = (deadline: () => number): KeyValueStore => ({
    timeoutMs: ms,
    get: (key) => timed(deadline(), () => store.get(key)),
    set: (key, value, ttlMs) => timed(deadline(), () => store.set(key, value, ttlMs)),
    add: (key, value, ttlMs) => timed(deadline(), () => store.add(key, value, ttlMs), undoAdd(key, value)),
    delete: (key) => timed(deadline(), () => store.delete(key)),
  });
  return {
    ...within(() => Date.now() + ms),
    timeoutMs: ms,
    budget() {
      const until = Date.now() + ms;
      return within(() => until);
    },
  };
}
