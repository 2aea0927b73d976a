import { log } from '../../core/guard.js';
import type { IAdvizeWebSdk } from '../web-sdk/sdk-types.js';

const KEY = 'iAdvizeInterface';
const LOCKED = `boxedTag(): window.${KEY} is locked (frozen, or not an array): what is queued there cannot reach the boxed tag`;

/**
 * Serves the host page's Web SDK queue, `window.iAdvizeInterface`, with `sdk`: what is queued there
 * (by `webSdk()`, the consent, site code) runs at once, as the tag would run it, and so does what is
 * pushed later, on this array or on one the page assigns in its place. The array stays the page's (its
 * `config` kept). Returns the undo.
 */
export function serveQueue(win: Window, sdk: IAdvizeWebSdk, guard: (code: () => void, type: string) => void): () => void {
  const page = win as unknown as Record<string, unknown>;
  const run = (fn: unknown): void => {
    if (typeof fn === 'function') guard(() => void (fn as (tag: IAdvizeWebSdk) => unknown)(sdk), KEY);
  };
  let said = false;
  let queue: unknown;
  const serve = (value: unknown): void => {
    queue = value;
    try {
      const list = value as unknown[];
      const waiting = list.splice(0);
      Object.defineProperty(list, 'push', { configurable: true, writable: true, value: (...fns: unknown[]) => (fns.forEach(run), 0) });
      waiting.forEach(run);
    } catch {
      if (!said) log('error', LOCKED);
      said = true;
    }
  };
  serve((page[KEY] ??= []));
  // A page that assigns a new array (`window.iAdvizeInterface = [...]`) is served too.
  let watching = false;
  try {
    Object.defineProperty(win, KEY, { configurable: true, enumerable: true, get: () => queue, set: serve });
    watching = true;
  } catch {
    // Declared with `var` by the page: its array is served, a later one is not.
  }
  return () => {
    if (watching) Object.defineProperty(win, KEY, { configurable: true, enumerable: true, writable: true, value: queue });
    try {
      delete (queue as { push?: unknown }).push;
    } catch {
      // Locked: nothing was put there.
    }
  };
}
