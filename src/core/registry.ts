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
  /** Leaves only the site's own functions where the tag looks, as if the registry had never been there. */
  destroy(): void;
}

const NAMES = Object.keys(CALLBACKS) as CallbackName[];
function applySite(this: SiteEntry, args: IArguments): unknown {
  return this.fn.apply(this.self, args as unknown as unknown[]);
}
const isCallbackName = (key: string): key is CallbackName => Object.prototype.hasOwnProperty.call(CALLBACKS, key);
const KEY = 'iAdvizeCallbacks';

/**
 * Installs the callbacks object on `win` and keeps it the object the tag finds, whether the
 * tag captured it at boot or looks it up at every event.
 *
 * Every documented callback is an accessor. Assigning it stores the site's function. Reading it
 * gives a "link" that stands for the site function held at that moment: called by the tag, a link
 * runs the current site function and emits the event; called from inside that site function (the
 * chain iAdvize documents: `var temp = iAdvizeCallbacks.onX; iAdvizeCallbacks.onX = function (o) {
 * temp(o); ... }`), it runs only the function it stands for, so every function runs once and the
 * event is emitted once. `window.iAdvizeCallbacks` is an accessor too: assigning a new object adopts
 * its functions into the same registry instead of replacing it.
 */
export function createRegistry(
  win: Window,
  /** What each callback becomes in the bridge, fixed the first time it is called. */
  routeFor: (name: CallbackName) => (raw: unknown) => void,
  guard: Guard,
): Registry {
  const callbacks: Record<string, unknown> = {};
  let site: Partial<Record<CallbackName, SiteEntry>> = {};
  let extraKeys: string[] = [];
  let active = true;
  /** The links handed out, and the site entry each stands for (`undefined`: no site function then). */
  const links = new WeakMap<object, SiteEntry | undefined>();
  const emptyLinks: Partial<Record<CallbackName, SiteCallback>> = {};
  const linkOf = new WeakMap<SiteEntry, SiteCallback>();
  /** Callbacks being dispatched now: a link called during its own dispatch is a site chain calling back. */
  const running = {} as Record<CallbackName, boolean>;

  const routes = {} as Record<CallbackName, (raw: unknown) => void>;

  function makeLink(name: CallbackName, entry: SiteEntry | undefined): SiteCallback {
    // `arguments`, not a rest parameter: the tag's arguments reach the site function as they came,
    // and are only gathered when there is a site function to give them to.
    const link = function (): unknown {
      if (!active || running[name]) return entry && guard(applySite, entry, arguments, 'callback', name);
      const current = site[name];
      let result: unknown;
      if (current) {
        running[name] = true;
        try {
          result = guard(applySite, current, arguments, 'callback', name);
        } finally {
          running[name] = false;
        }
      }
      // Built on the callback's first call: most pages only ever see a few of the thirty.
      (routes[name] ??= routeFor(name))(arguments[0]);
      return result;
    };
    links.set(link, entry);
    return link;
  }

  /** The link for the site function `name` holds now: the same function until that changes. */
  function currentLink(name: CallbackName): SiteCallback {
    const entry = site[name];
    if (!entry) return (emptyLinks[name] ??= makeLink(name, undefined));
    let link = linkOf.get(entry);
    if (!link) linkOf.set(entry, (link = makeLink(name, entry)));
    return link;
  }

  function setSite(name: CallbackName, fn: unknown, self: unknown): void {
    // One of our links coming back (`{ ...window.iAdvizeCallbacks, onX }`, or `onX = temp`) means
    // "the function it stands for"; storing the link itself would make it call itself.
    const entry = links.has(fn as object) ? links.get(fn as object) : typeof fn === 'function' ? { fn: fn as SiteCallback, self } : undefined;
    if (entry) site[name] = entry;
    else delete site[name];
  }

  for (const name of NAMES) {
    Object.defineProperty(callbacks, name, {
      enumerable: true,
      configurable: true,
      get: () => currentLink(name),
      set: (fn: unknown) => setSite(name, fn, callbacks),
    });
  }

  /** Takes the site's object as its own callbacks, replacing those of a previous object as plain assignment would. */
  function adopt(source: unknown): void {
    if (source === callbacks) return;
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
      if (isCallbackName(key)) setSite(key, value, source);
      else if (key !== '__proto__') {
        // Callbacks this library does not know (newer tags) stay where the tag looks for them.
        Object.defineProperty(callbacks, key, { value, writable: true, enumerable: true, configurable: true });
        extraKeys.push(key);
      }
    }
  }

  adopt((win as unknown as Record<string, unknown>)[KEY]);
  const descriptor = Object.getOwnPropertyDescriptor(win, KEY);
  const followsReassignment = !descriptor || descriptor.configurable === true;
  if (followsReassignment) {
    Object.defineProperty(win, KEY, { configurable: true, enumerable: true, get: () => callbacks, set: adopt });
  } else {
    // `var iAdvizeCallbacks = {...}` made a non-configurable property: it can only be assigned.
    (win as unknown as Record<string, unknown>)[KEY] = callbacks;
  }

  return {
    callbacks,
    followsReassignment,
    destroy() {
      active = false;
      // A tag that captured this object keeps calling the site's functions on it; a later install
      // adopts them, never a link of ours, so install/destroy cycles do not stack up.
      for (const name of NAMES) {
        const entry = site[name];
        if (entry) Object.defineProperty(callbacks, name, { value: entry.fn, writable: true, enumerable: true, configurable: true });
        else delete callbacks[name];
      }
      if (followsReassignment) {
        Object.defineProperty(win, KEY, { configurable: true, enumerable: true, writable: true, value: callbacks });
      }
    },
  };
}
