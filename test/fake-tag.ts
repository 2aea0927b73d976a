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
