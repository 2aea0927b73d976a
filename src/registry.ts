import { CALLBACKS, type CallbackName } from './events.js';
import type { Guard } from './guard.js';

type SiteCallback = (this: unknown, ...args: unknown[]) => unknown;
interface SiteEntry {
  fn: SiteCallback;
  /** `this` as the tag would have given it: the object the site defined the function on. */
  self: unknown;
}

export interface Registry {
  /** The object `window.iAdvizeCallbacks` names, and the one a tag that captured it at boot keeps. */
  readonly callbacks: Record<string, unknown>;
  /** False when `window.iAdvizeCallbacks` was declared with `var`: later reassignments cannot be followed. */
  readonly followsReassignment: boolean;
  destroy(): void;
}

const NAMES = Object.keys(CALLBACKS) as CallbackName[];
const isCallbackName = (key: string): key is CallbackName => Object.prototype.hasOwnProperty.call(CALLBACKS, key);

/**
 * Installs the callbacks object on `win` and keeps it the object the tag finds, whether the
 * tag captured it at boot or looks it up at every event.
 *
 * Every documented callback is an accessor: reading it gives our dispatcher, assigning it
 * (`iAdvizeCallbacks.onChatStarted = fn`) stores the site's function, which the dispatcher
 * calls first. `window.iAdvizeCallbacks` itself is an accessor too: assigning a new object
 * adopts its functions into the same registry instead of replacing it, so the library stays
 * connected and each event is emitted once.
 */
export function createRegistry(
  win: Window,
  dispatch: (name: CallbackName, raw: unknown) => void,
  guard: Guard,
): Registry {
  const callbacks: Record<string, unknown> = {};
  let site: Partial<Record<CallbackName, SiteEntry>> = {};
  let extraKeys: string[] = [];
  let listening = true;

  const dispatchers = new Set<unknown>();

  const setSite = (name: CallbackName, fn: unknown, self: unknown, previous = site): void => {
    // Our own dispatcher coming back (`{ ...window.iAdvizeCallbacks, onX }`) means "keep what was there";
    // storing it would make the dispatcher call itself.
    if (dispatchers.has(fn)) {
      if (previous[name]) site[name] = previous[name];
    } else if (typeof fn === 'function') site[name] = { fn: fn as SiteCallback, self };
    else delete site[name];
  };

  for (const name of NAMES) {
    const dispatcher = function (this: unknown, ...args: unknown[]): unknown {
      const entry = site[name];
      let result: unknown;
      if (entry) guard(() => (result = entry.fn.apply(entry.self, args)), entry.fn, { source: 'callback', type: name });
      if (listening) dispatch(name, args[0]);
      return result;
    };
    dispatchers.add(dispatcher);
    Object.defineProperty(callbacks, name, {
      enumerable: true,
      configurable: true,
      get: () => dispatcher,
      set: (fn: unknown) => setSite(name, fn, callbacks),
    });
  }

  /** Takes the site's object as its own callbacks, replacing those of a previous object as plain assignment would. */
  function adopt(source: unknown): void {
    if (source === callbacks) return;
    const previous = site;
    site = {};
    for (const key of extraKeys) delete callbacks[key];
    extraKeys = [];
    if (source === null || typeof source !== 'object') return;
    let keys: string[] = [];
    try {
      keys = Object.keys(source);
    } catch {
      return;
    }
    for (const key of keys) {
      let value: unknown;
      try {
        value = (source as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      if (isCallbackName(key)) setSite(key, value, source, previous);
      else if (key !== '__proto__') {
        // Callbacks this library does not know (newer tags) stay where the tag looks for them.
        Object.defineProperty(callbacks, key, { value, writable: true, enumerable: true, configurable: true });
        extraKeys.push(key);
      }
    }
  }

  const key = 'iAdvizeCallbacks';
  adopt((win as unknown as Record<string, unknown>)[key]);
  const descriptor = Object.getOwnPropertyDescriptor(win, key);
  const followsReassignment = !descriptor || descriptor.configurable === true;
  if (followsReassignment) {
    Object.defineProperty(win, key, { configurable: true, enumerable: true, get: () => callbacks, set: adopt });
  } else {
    // `var iAdvizeCallbacks = {...}` made a non-configurable property: it can only be assigned.
    (win as unknown as Record<string, unknown>)[key] = callbacks;
  }

  return {
    callbacks,
    followsReassignment,
    destroy() {
      listening = false;
      // The site's functions keep being called through this object; assignments become plain again.
      if (followsReassignment) {
        Object.defineProperty(win, key, { configurable: true, enumerable: true, writable: true, value: callbacks });
      }
    },
  };
}
