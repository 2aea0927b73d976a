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
  /** False when `window.iAdvizeCallbacks` cannot be redefined (`var`, locked): later reassignments cannot be followed. */
  readonly followsReassignment: boolean;
  /** Leaves only the site's own functions where the tag looks, as if the registry had never been there. */
  destroy(): void;
}

const NAMES = Object.keys(CALLBACKS) as CallbackName[];
const KEY = 'iAdvizeCallbacks';
// Marks the object a registry made, so the next install (hot reloading, a remount) takes it back:
// a tag that captured it at boot keeps calling the object the bridge listens on.
const MADE_BY_REGISTRY = Symbol.for('iadvize-bridge.callbacks');
const hasOwn = (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key);
const isCallbackName = (key: string): key is CallbackName => hasOwn(CALLBACKS, key);
function applySite(this: SiteEntry, args: IArguments): unknown {
  return this.fn.apply(this.self, args as unknown as unknown[]);
}
/** Runs `code` on an object the page owns (it may be frozen, or a proxy): a refusal is not an error of ours. */
function attempt(code: () => void): boolean {
  try {
    code();
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs the callbacks object on `win` and keeps it the object the tag finds, whether the tag
 * captured it at boot or looks it up at every event.
 *
 * Every documented callback is an accessor. Assigning it stores the site's function. Reading it
 * gives a "link" standing for the site function there at that moment. Only the link of the
 * current function, called by the tag, runs it and emits the event; an older link (kept by the
 * chain iAdvize documents: `var temp = iAdvizeCallbacks.onX; iAdvizeCallbacks.onX = function (o) {
 * temp(o); ... }`, called at once or later) and any link called while a site function runs only
 * run the function they stand for. So every function runs once and the event is emitted once.
 * `window.iAdvizeCallbacks` is an accessor too: assigning a new object adopts its functions.
 */
export function createRegistry(win: Window, routeFor: (name: CallbackName) => (raw: unknown) => void, guard: Guard): Registry {
  const host = win as unknown as Record<string, unknown>;
  let existing: unknown;
  attempt(() => (existing = host[KEY]));
  const descriptor = Object.getOwnPropertyDescriptor(win, KEY);
  const followsReassignment = !descriptor || descriptor.configurable === true;
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';
  // A locked window.iAdvizeCallbacks (a `var`, a read-only or getter property) keeps the site's object:
  // the registry then lives on that very object, if it can.
  const reuse = isObject(existing) && (hasOwn(existing, MADE_BY_REGISTRY) || (!followsReassignment && Object.isExtensible(existing)));
  const callbacks: Record<string, unknown> = reuse ? (existing as Record<string, unknown>) : {};
  attempt(() => Object.defineProperty(callbacks, MADE_BY_REGISTRY, { value: true, configurable: true }));

  let site: Partial<Record<CallbackName, SiteEntry>> = {};
  let accessors = false;
  let extraKeys: string[] = [];
  let active = true;
  /** The links handed out, and the site entry each stands for (`undefined`: no site function then). */
  const links = new WeakMap<object, SiteEntry | undefined>();
  const linksOf = {} as Record<CallbackName, WeakMap<SiteEntry, SiteCallback>>;
  const emptyLinks = {} as Record<CallbackName, SiteCallback>;
  const getters = {} as Record<CallbackName, () => SiteCallback>;
  const routes = {} as Record<CallbackName, (raw: unknown) => void>;
  /**
   * Whether a site function is running for the tag now. A link called meanwhile (the site calling
   * back what it kept, or calling another of its callbacks) is site code calling site code, as
   * without the bridge: it runs the function it stands for and emits nothing. Events come from the tag.
   */
  let siteRunning = false;

  function makeLink(name: CallbackName, entry: SiteEntry | undefined): SiteCallback {
    // `arguments`, not a rest parameter: the tag's arguments reach the site function as they came,
    // and are only gathered when there is a site function to give them to.
    const link = function (): unknown {
      if (!active || siteRunning || entry !== site[name]) return entry && guard(applySite, entry, arguments, 'callback', name);
      let result: unknown;
      if (entry) {
        siteRunning = true;
        try {
          result = guard(applySite, entry, arguments, 'callback', name);
        } finally {
          siteRunning = false;
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
    const made = (linksOf[name] ??= new WeakMap());
    let link = made.get(entry);
    if (!link) made.set(entry, (link = makeLink(name, entry)));
    return link;
  }

  function setSite(name: CallbackName, fn: unknown, self: unknown): void {
    // One of our links coming back (`{ ...window.iAdvizeCallbacks, onX }`, or `onX = temp`) means
    // "the function it stands for"; storing the link itself would make it call itself.
    const entry = links.has(fn as object) ? links.get(fn as object) : typeof fn === 'function' ? { fn: fn as SiteCallback, self } : undefined;
    if (entry) site[name] = entry;
    else delete site[name];
  }

  /** A callback of the site's object: its own, or inherited from its class (never from Object.prototype). */
  function siteValue(source: Record<string, unknown>, name: CallbackName): unknown {
    return hasOwn(source, name) || (name in source && source[name] !== (Object.prototype as Record<string, unknown>)[name]) ? source[name] : undefined;
  }

  /** Takes the site's object as its own callbacks, replacing those of a previous object as plain assignment would. */
  function adopt(source: unknown): void {
    if (source === callbacks && accessors) return;
    site = {};
    for (const key of extraKeys) attempt(() => delete callbacks[key]);
    extraKeys = [];
    if (!isObject(source)) return;
    for (const name of NAMES) attempt(() => setSite(name, siteValue(source, name), source));
    let keys: string[] = [];
    attempt(() => (keys = Object.keys(source)));
    for (const key of keys) {
      // Callbacks this library does not know (newer tags) stay where the tag looks for them.
      if (isCallbackName(key) || key === '__proto__' || source === callbacks) continue;
      attempt(() => Object.defineProperty(callbacks, key, { value: source[key], writable: true, enumerable: true, configurable: true })) && extraKeys.push(key);
    }
  }

  adopt(existing);
  for (const name of NAMES) {
    getters[name] = () => currentLink(name);
    attempt(() => Object.defineProperty(callbacks, name, { enumerable: true, configurable: true, get: getters[name], set: (fn: unknown) => setSite(name, fn, callbacks) }));
  }
  accessors = true;
  const getWindowValue = () => callbacks;
  if (followsReassignment) Object.defineProperty(win, KEY, { configurable: true, enumerable: true, get: getWindowValue, set: adopt });
  // `var iAdvizeCallbacks = {...}` made a non-configurable property: it can only be assigned, if writable.
  else if (!reuse) attempt(() => (host[KEY] = callbacks));

  return {
    callbacks,
    followsReassignment,
    destroy() {
      active = false;
      // A tag that captured this object keeps calling the site's functions on it; a later install
      // adopts them, never a link of ours. Properties the site redefined since are left as they are.
      for (const name of NAMES) {
        if (Object.getOwnPropertyDescriptor(callbacks, name)?.get !== getters[name]) continue;
        const entry = site[name];
        attempt(() => (entry ? Object.defineProperty(callbacks, name, { value: entry.fn, writable: true, enumerable: true, configurable: true }) : delete callbacks[name]));
      }
      if (Object.getOwnPropertyDescriptor(win, KEY)?.get === getWindowValue) {
        Object.defineProperty(win, KEY, { configurable: true, enumerable: true, writable: true, value: callbacks });
      }
    },
  };
}
