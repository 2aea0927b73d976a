import { CALLBACKS, type CallbackName } from '../src/index.js';

/**
 * The two readings of how the iAdvize tag finds the callbacks: `late` looks
 * `window.iAdvizeCallbacks` up at every event, `boot` captures the object when the tag loads.
 */
export function loadFakeTag(win: Window, lookup: 'late' | 'boot') {
  const host = win as unknown as { iAdvizeCallbacks?: Record<string, unknown>; iAdvize?: object };
  const captured = host.iAdvizeCallbacks;
  host.iAdvize = {};
  return {
    /** Calls the callback the way the tag does: `obj` as the only argument, or none at all. */
    fire(name: CallbackName, ...args: unknown[]): unknown {
      const callbacks = lookup === 'late' ? host.iAdvizeCallbacks : captured;
      const fn = callbacks?.[name];
      return typeof fn === 'function' ? fn.apply(callbacks, args) : undefined;
    },
  };
}

export const CALLBACK_NAMES = Object.keys(CALLBACKS) as CallbackName[];

/**
 * The Web SDK side of a tag: runs the functions queued in `window.iAdvizeInterface`, then runs new
 * ones at once, as the real tag does once loaded. Records every call made on it.
 */
export function loadFakeWebSdk(win: Window, values: Record<string, unknown> = {}) {
  const host = win as unknown as { iAdvizeInterface?: unknown[] & { config?: unknown } };
  const calls: Array<[string, ...unknown[]]> = [];
  const listeners = new Map<string, Set<(value: unknown) => void>>();
  const sdk = {
    get: (property: string) => (calls.push(['get', property]), values[property]),
    set: (property: string, value: unknown) => {
      calls.push(['set', property, value]);
      values[property] = value;
    },
    on: (event: string, fn: (value: unknown) => void) => {
      calls.push(['on', event]);
      listeners.set(event, (listeners.get(event) ?? new Set()).add(fn));
    },
    off: (event: string, fn: (value: unknown) => void) => {
      calls.push(['off', event]);
      listeners.get(event)?.delete(fn);
    },
    navigate: (screen?: string) => calls.push(['navigate', screen]),
    recordTransaction: (transaction: unknown) => calls.push(['recordTransaction', transaction]),
  };
  const queue = host.iAdvizeInterface ?? [];
  const config = queue.config;
  for (const fn of queue.splice(0)) (fn as (s: typeof sdk) => void)(sdk);
  queue.push = ((...fns: Array<(s: typeof sdk) => void>) => {
    fns.forEach((fn) => fn(sdk));
    return queue.length;
  }) as typeof queue.push;
  host.iAdvizeInterface = queue;
  return {
    calls,
    config,
    /** What the tag does when a property changes. */
    emit(event: string, value: unknown) {
      for (const fn of listeners.get(event) ?? []) fn(value);
    },
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
}
