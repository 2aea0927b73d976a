import type { CoreEvents } from './events.js';
import type { ErrorHandler } from './guard.js';
import type {
  Adapter,
  AnyPlugin,
  ApisOf,
  ApiOf,
  EventsOf,
  EventsOfAll,
  Listener,
  MissingEvents,
  OnOptions,
  RequirePluginsFor,
  Unsubscribe,
} from './plugin.js';
import type { BridgeState } from './state.js';

export interface InstallOptions<P extends readonly AnyPlugin[] = readonly AnyPlugin[]> {
  /** The window to install on; the global one by default. */
  window?: Window | undefined;
  /** Features around the core: `webSdk()`, `virtualAgent()`, analytics adapters, your own. */
  plugins?: P | undefined;
  /** Analytics adapters: plugins too, the same as listing them in `plugins`. */
  adapters?: readonly Adapter[] | undefined;
  /** Logs every raw callback and its normalised event. Also on with `?iadvize_debug=1` in the page URL. */
  debug?: boolean | undefined;
  /** Receives what a listener, a plugin or the site's own callback threw. Default: `console.error`, once per function and message. */
  onError?: ErrorHandler | undefined;
  /**
   * Keeps the chat record of `bridge.state` in the tab's `sessionStorage`, so a chat that goes on
   * after a page change is still known (ids, start, counts; never a message text). Default true.
   */
  persist?: boolean | undefined;
}

/** The bridge with the core's events and those of the plugins in `E`. */
export interface Bridge<E extends object = CoreEvents> {
  /**
   * Calls `listener` for every event of `type` (`'*'`: every event) and returns its unsubscribe.
   * @example
   * const stop = bridge.on('chat:started', (e) => console.log(e.chatId), { replay: true })
   */
  on<K extends (keyof E & string) | '*'>(type: K, listener: Listener<E, K>, options?: OnOptions): Unsubscribe;
  /** Like `on`, for the next event of `type` only. */
  once<K extends (keyof E & string) | '*'>(type: K, listener: Listener<E, K>, options?: OnOptions): Unsubscribe;
  /** Removes a listener added with `on`. */
  off<K extends (keyof E & string) | '*'>(type: K, listener: Listener<E, K>): void;
  /** What the tag has told so far: a frozen snapshot, replaced on every change. */
  readonly state: BridgeState;
  /**
   * Adds a plugin (one per name: a later one of the same name replaces the earlier). Returns the
   * bridge, typed with what the plugin adds.
   * @example
   * const withSdk = bridge.use(webSdk()); withSdk.sdk.navigate('/cart')
   */
  use<P extends AnyPlugin>(plugin: P & RequirePluginsFor<MissingEvents<[P], E>>): Bridge<E & EventsOf<P>> & ApiOf<P>;
  /** Stops listening and forwarding and tears the plugins down; the site's own callbacks keep being called. */
  destroy(): void;
}

/** Install options whose adapters' plugin events (`ga4({ events: ['tag:failed'] })`) need a plugin of `P` that emits them. */
export type CheckedOptions<P extends readonly AnyPlugin[], A extends readonly Adapter[]> = InstallOptions<P> & {
  plugins?: RequirePluginsFor<MissingEvents<P>>;
  adapters?: (A & RequirePluginsFor<MissingEvents<A, EventsOfAll<P>>>) | undefined;
};

/** What `install()` returns: the bridge with the events and API of its plugins. */
export type InstalledBridge<P extends readonly AnyPlugin[]> = Bridge<CoreEvents & EventsOfAll<P>> & ApisOf<P>;
