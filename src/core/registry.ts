import { CALLBACKS, type CallbackName } from './events.js';
import type { Guard } from './guard.js';
import { attempt, calledByTag, isObject, watchGlobal } from './site-object.js';

type SiteCallback = (this: unknown, ...args: unknown[]) => unknown;
interface SiteEntry {
  fn: SiteCallback;
  /** `this` as the tag would have given it: the object the site defined the function on. */
  self: unknown;
}

export interface Registry {
  /** False when `window.iAdvizeCallbacks` cannot be redefined (`var`, locked): later reassignments cannot be followed. */
  readonly followsReassignment: boolean;
  /** Leaves only the site's own functions where the tag looks, as if the registry had never been there. */
  destroy(): void;
}

/** What a registry does not do silently: site code it cannot follow. */
export type RegistryReport = (error: Error) => void;
type TakeOver = (routeFor: (name: CallbackName) => (raw: unknown) => void, guard: Guard, report: RegistryReport) => Registry | undefined;

const NAMES = Object.keys(CALLBACKS) as CallbackName[];
const KEY = 'iAdvizeCallbacks';
const REDEFINED = 'window.iAdvizeCallbacks was redefined: a tag that looks it up late no longer reaches the bridge (assign it instead)';
// Marks the object a registry made, so the next install (hot reloading, a remount) takes it back:
// a tag that captured it at boot keeps calling the object the bridge listens on. Its value lets that
// install take over the registry itself when the site froze or sealed the object.
const MADE_BY_REGISTRY = Symbol.for('iadvize-bridge.callbacks');
const hasOwn = (object: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(object, key);
const isCallbackName = (key: string): key is CallbackName => hasOwn(CALLBACKS, key);
function applySite(this: SiteEntry, args: IArguments): unknown {
  return this.fn.apply(this.self, args as unknown as unknown[]);
}
/**
 * Installs the callbacks object on `win` and keeps it the object the tag finds, whether the tag
 * captured it at boot or looks it up at every event.
 *
 * Every documented callback is an accessor. Assigning it stores the site's function. Reading it
 * gives a "link" standing for the site function there at that moment. Only the link of the
 * current function, called by the tag, runs it and emits the event; an older link (kept by the
 * chain iAdvize documents: `var temp = iAdvizeCallbacks.onX; iAdvizeCallbacks.onX = function (o) {
 * temp(o); ... }`, called at once or later) and any link the site calls while a site function runs
 * only run the function they stand for. So every function runs once and the event is emitted once.
 * `window.iAdvizeCallbacks` is an accessor too: assigning a new object adopts its functions.
 */
export function createRegistry(
  win: Window,
  routeFor: (name: CallbackName) => (raw: unknown) => void,
  guard: Guard,
  report: RegistryReport,
): Registry {
  const host = win as unknown as Record<string, unknown>;
  /** What reading the site's object threw (a revoked or throwing Proxy, a getter), to say why it was not adopted. */
  let unreadable: unknown;
  const read = (code: () => void): boolean => attempt(code, (error) => (unreadable ??= error));
  let existing: unknown;
  read(() => (existing = host[KEY]));
  const descriptor = Object.getOwnPropertyDescriptor(win, KEY);
  const followsReassignment = !descriptor || descriptor.configurable === true;
  // A registry object the site froze or sealed keeps the links of the registry that made it: that
  // registry takes over again (with this install's routes), as a tag that captured the object still calls them.
  let taken: Registry | undefined;
  read(
    () =>
      isObject(existing) &&
      Object.isSealed(existing) &&
      (taken = (existing as { [MADE_BY_REGISTRY]?: TakeOver })[MADE_BY_REGISTRY]?.(routeFor, guard, report)),
  );
  if (taken) return taken;
  // A locked window.iAdvizeCallbacks (a `var`, a read-only or getter property) keeps the site's object:
  // the registry then lives on that very object, if it can.
  let reuse = false;
  read(
    () =>
      (reuse =
        isObject(existing) &&
        !Object.isSealed(existing) &&
        (hasOwn(existing, MADE_BY_REGISTRY) || (!followsReassignment && Object.isExtensible(existing)))),
  );
  const callbacks: Record<string, unknown> = reuse ? (existing as Record<string, unknown>) : {};

  let site: Partial<Record<CallbackName, SiteEntry>> = {};
  let accessors = false;
  let extraKeys: string[] = [];
  let active = true;
  /** The links handed out, and the site entry each stands for (`undefined`: no site function then). */
  const links = new WeakMap<object, SiteEntry | undefined>();
  const linksOf = {} as Record<CallbackName, WeakMap<SiteEntry, SiteCallback>>;
  const emptyLinks = {} as Record<CallbackName, SiteCallback>;
  const getters = {} as Record<CallbackName, () => SiteCallback>;
  let routes = {} as Record<CallbackName, (raw: unknown) => void>;
  /**
   * Whether a site function is running for the tag now. A link called meanwhile is site code calling
   * site code (calling back what it kept, or another of its callbacks), as without the bridge: it runs
   * the function it stands for and emits nothing, unless the stack says the tag's script called it.
   */
  let siteRunning = false;

  function makeLink(name: CallbackName, entry: SiteEntry | undefined): SiteCallback {
    // `arguments`, not a rest parameter: the tag's arguments reach the site function as they came,
    // and are only gathered when there is a site function to give them to.
    /* eslint-disable prefer-rest-params -- see above */
    const link = function (): unknown {
      if (!active || entry !== site[name] || (siteRunning && !calledByTag()))
        return entry && guard(applySite, entry, arguments, 'callback', name);
      let result: unknown;
      if (entry) {
        const outer = siteRunning;
        siteRunning = true;
        try {
          result = guard(applySite, entry, arguments, 'callback', name);
        } finally {
          siteRunning = outer;
        }
      }
      // Built on the callback's first call: most pages only ever see a few of the thirty.
      (routes[name] ??= routeFor(name))(arguments[0]);
      return result;
    };
    /* eslint-enable prefer-rest-params */
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
    const entry = links.has(fn as object)
      ? links.get(fn as object)
      : typeof fn === 'function'
        ? { fn: fn as SiteCallback, self }
        : undefined;
    if (entry) site[name] = entry;
    else delete site[name];
  }

  /** A callback of the site's object: its own, or inherited from its class (never from Object.prototype). */
  function siteValue(source: Record<string, unknown>, name: CallbackName): unknown {
    return hasOwn(source, name) || (name in source && source[name] !== (Object.prototype as Record<string, unknown>)[name])
      ? source[name]
      : undefined;
  }

  /** Takes the site's object as its own callbacks, replacing those of a previous object as plain assignment would. */
  function adopt(source: unknown): void {
    if (source === callbacks && accessors) return;
    site = {};
    for (const key of extraKeys) attempt(() => delete callbacks[key]);
    extraKeys = [];
    if (isObject(source)) {
      for (const name of NAMES) read(() => setSite(name, siteValue(source, name), source));
      let keys: string[] = [];
      read(() => (keys = Object.keys(source)));
      for (const key of keys) {
        // Callbacks this library does not know (newer tags) stay where the tag looks for them.
        if (isCallbackName(key) || key === '__proto__' || source === callbacks) continue;
        if (
          attempt(() => Object.defineProperty(callbacks, key, { value: source[key], writable: true, enumerable: true, configurable: true }))
        )
          extraKeys.push(key);
      }
    }
    if (unreadable !== undefined)
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- whatever the site's object threw, in the words String() gives it
      report(new Error(`window.iAdvizeCallbacks could not be read (${String(unreadable)}): its functions cannot be adopted`));
    unreadable = undefined;
  }

  const getWindowValue = () => callbacks;
  let stopWatching = (): void => {};
  function takeWindow(): void {
    if (followsReassignment) Object.defineProperty(win, KEY, { configurable: true, enumerable: true, get: getWindowValue, set: adopt });
    // `var iAdvizeCallbacks = {...}` made a non-configurable property: it can only be assigned, if writable.
    else if (!reuse) attempt(() => (host[KEY] = callbacks));
    // A window.iAdvizeCallbacks locked before install is said once by install (debug), not watched.
    let named = false;
    attempt(() => (named = host[KEY] === callbacks));
    // Our own getter needs no call; a getter the site put there is asked (it may still give our object).
    const holds = (): boolean => Object.getOwnPropertyDescriptor(win, KEY)?.get === getWindowValue || host[KEY] === callbacks;
    if (named) stopWatching = watchGlobal(win, holds, () => report(new Error(REDEFINED)));
  }

  adopt(existing);
  for (const name of NAMES) {
    getters[name] = () => currentLink(name);
    attempt(() =>
      Object.defineProperty(callbacks, name, {
        enumerable: true,
        configurable: true,
        get: getters[name],
        set: (fn: unknown) => setSite(name, fn, callbacks),
      }),
    );
  }
  accessors = true;
  const registry: Registry = {
    followsReassignment,
    destroy() {
      active = false;
      stopWatching();
      // A tag that captured this object keeps calling the site's functions on it; a later install
      // adopts them, never a link of ours. Properties the site redefined (or froze) since are left as they are.
      for (const name of NAMES) {
        if (Object.getOwnPropertyDescriptor(callbacks, name)?.get !== getters[name]) continue;
        const entry = site[name];
        attempt(() =>
          entry
            ? Object.defineProperty(callbacks, name, { value: entry.fn, writable: true, enumerable: true, configurable: true })
            : delete callbacks[name],
        );
      }
      if (Object.getOwnPropertyDescriptor(win, KEY)?.get === getWindowValue) {
        Object.defineProperty(win, KEY, { configurable: true, enumerable: true, writable: true, value: callbacks });
      }
    },
  };
  const takeOver: TakeOver = (nextRoute, nextGuard, nextReport) => {
    if (active || Object.getOwnPropertyDescriptor(callbacks, NAMES[0])?.get !== getters[NAMES[0]]) return undefined;
    [routeFor, guard, report, routes, active] = [nextRoute, nextGuard, nextReport, {} as typeof routes, true];
    takeWindow();
    return registry;
  };
  attempt(() => Object.defineProperty(callbacks, MADE_BY_REGISTRY, { value: takeOver, configurable: true }));
  takeWindow();
  return registry;
}
