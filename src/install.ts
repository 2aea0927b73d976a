import { createAdapterSet, type Adapter } from './adapter-set.js';
import { createChatStore } from './chat-session.js';
import { CALLBACKS, EVENT_TYPES, type BridgeEvent, type CallbackName, type EventMap, type EventType } from './events.js';
import { createEmitter, type Listener, type ListenedType, type OnOptions, type Unsubscribe } from './emitter.js';
import { createGuard, log, type ErrorHandler } from './guard.js';
import { normalise } from './normalise.js';
import { createRegistry } from './registry.js';
import { createSdk, type Sdk } from './sdk.js';
import { createState, type BridgeState } from './state.js';
import { createVirtualAgent, type VirtualAgent } from './virtual-agent.js';

export interface InstallOptions {
  /** The window to install on; the global one by default. */
  window?: Window;
  /** Where events are forwarded, e.g. analytics tools. */
  adapters?: readonly Adapter[];
  /** Logs every raw callback and its normalised event. Also on with `?iadvize_debug=1` in the page URL. */
  debug?: boolean;
  /** Receives what a listener, an adapter, the site's own callback or a Web SDK call threw. Default: `console.error`, once per function and message. */
  onError?: ErrorHandler;
  /** Calls `bridge.sdk.navigate` on every SPA route change (`history.pushState`, `replaceState`, back/forward). */
  followNavigation?: boolean;
  /**
   * Keeps the chat record of `bridge.state` in the tab's `sessionStorage`, so a chat that goes on
   * after a page change is still known (ids, start, counts; never a message text). Default true.
   */
  persist?: boolean;
}

export interface Bridge {
  /**
   * Calls `listener` for every event of `type` (`'*'`: every event) and returns its unsubscribe.
   * @example
   * const stop = bridge.on('chat:started', (e) => console.log(e.chatId), { replay: true })
   */
  on<K extends ListenedType>(type: K, listener: Listener<K>, options?: OnOptions): Unsubscribe;
  /** Like `on`, for the next event of `type` only. */
  once<K extends ListenedType>(type: K, listener: Listener<K>, options?: OnOptions): Unsubscribe;
  /** Removes a listener added with `on`. */
  off<K extends ListenedType>(type: K, listener: Listener<K>): void;
  /** What the tag has told so far: a frozen snapshot, replaced on every change. */
  readonly state: BridgeState;
  /** The tag's Web SDK (`window.iAdvizeInterface`): navigation, transactions, consent. Works before the tag loads. */
  readonly sdk: Sdk;
  /** Virtual-agent hand-off: `handoff(vaConversationId)` and `fetchHistory(chatId, { endpoint })`. */
  readonly virtualAgent: VirtualAgent;
  /** Stops listening and forwarding; the site's own callbacks keep being called. */
  destroy(): void;
}

interface Installed {
  bridge: Bridge;
  /** A later install() on the same window adds its adapters and debug setting to the first one. */
  extend(options: InstallOptions): void;
}

// Shared through the window so the IIFE build and an ESM import on one page make one bridge.
const INSTALLED = Symbol.for('iadvize-bridge');

function fail(message: string): never {
  throw new TypeError(`iadvize-bridge: ${message}`);
}

function checkOptions(options: InstallOptions): void {
  if (options === null || typeof options !== 'object') fail('install() takes an options object');
  const { adapters, onError } = options;
  if (adapters !== undefined && !Array.isArray(adapters)) fail('`adapters` must be an array');
  for (const adapter of adapters ?? []) {
    if (!adapter || typeof adapter.name !== 'string' || typeof adapter.send !== 'function') {
      fail('each adapter needs a string `name` and a `send(event)` function');
    }
  }
  if (onError !== undefined && typeof onError !== 'function') fail('`onError` must be a function');
  if (options.followNavigation !== undefined && typeof options.followNavigation !== 'boolean') fail('`followNavigation` must be true or false');
  if (options.persist !== undefined && typeof options.persist !== 'boolean') fail('`persist` must be true or false');
}

function debugFromUrl(win: Window): boolean {
  try {
    return /[?&]iadvize_debug=(1|true)(&|$)/.test(win.location.search);
  } catch {
    return false;
  }
}

function warnAboutSetup(tagAlreadyLoaded: boolean, followsReassignment: boolean): void {
  if (tagAlreadyLoaded) {
    log('warn', 'installed after the iAdvize tag: events reach the bridge only if the tag looks callbacks up late');
  }
  if (!followsReassignment) {
    log('warn', 'iAdvizeCallbacks was declared with var: a later reassignment of it cannot be followed');
  }
}

/**
 * Installs the bridge on the page: `window.iAdvizeCallbacks` becomes a registry that keeps the
 * site's callbacks and turns every callback into a typed event. Call it before the iAdvize tag.
 * A second call on the same window returns the same bridge.
 * @example
 * const bridge = install({ onError: (error) => report(error) })
 * bridge.on('chat:started', (e) => console.log('chat', e.chatId, e.conversationId))
 */
export function install(options: InstallOptions = {}): Bridge {
  checkOptions(options);
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  if (!win || typeof win !== 'object') fail('install() needs a browser window (pass `window` outside the browser)');
  const slot = win as unknown as Record<symbol, Installed | undefined>;
  const existing = slot[INSTALLED];
  if (existing) {
    existing.extend(options);
    return existing.bridge;
  }
  const installed = createBridge(win, options);
  Object.defineProperty(win, INSTALLED, { value: installed, configurable: true });
  return installed.bridge;
}

/** Wires the registry, normaliser, state, emitter, adapters, Web SDK and virtual agent of one window. */
function createBridge(win: Window, options: InstallOptions): Installed {
  const slot = win as unknown as Record<symbol, Installed | undefined>;
  let debug = options.debug === true || debugFromUrl(win);
  let destroyed = false;
  const { guard, report } = createGuard(options.onError);
  const adapters = createAdapterSet(win, guard, report);
  const state = createState(createChatStore(win, options.persist !== false));
  const isKnownType = (type: string): boolean => EVENT_TYPES.indexOf(type as EventType) >= 0;
  const emitter = createEmitter(guard, isKnownType);

  /** One way in for every event, whatever its source: state, then listeners, then adapters. */
  function emit<K extends EventType>(type: K, payload: EventMap[K], raw: unknown, source: string): void {
    if (destroyed) return;
    // The tag may have replaced window.iAdvize since the hand-off: make sure it still carries vaSCI.
    if (type === 'chat:started') va.recheck();
    // Object.assign onto a literal keeps V8's fast object shape; a spread of the payload made every event slow.
    const event = Object.assign({ type, at: Date.now(), raw }, payload) as BridgeEvent;
    state.apply(event);
    Object.freeze(event);
    if (debug) log('info', source, raw, '->', event);
    emitter.emit(event);
    // A listener may have destroyed the bridge: the adapters then hear nothing more.
    if (!destroyed) adapters.send(event);
  }
  const dispatch = (name: CallbackName, raw: unknown): void => {
    const type = CALLBACKS[name];
    emit(type, normalise(type, raw), raw, name);
  };

  const sdk = createSdk(
    win,
    (payload, raw) => emit('consent:changed', payload, raw, 'consent'),
    // The owner must exist before createSdk returns: a loaded tag runs queued calls at once.
    (code, method) => guard(code, createSdk, { source: 'sdk', type: method }),
  );

  const va = createVirtualAgent(win, {
    emit: (payload) => emit('va:handoff', payload, payload.vaConversationId, 'handoff'),
    setState: state.setVirtualAgent,
    chatActive: () => state.current.chat.active,
    whenTagReady: sdk.whenReady,
    debug: () => debug,
  });

  const extend = (more: InstallOptions): void => {
    checkOptions(more);
    if (more.debug) debug = true;
    if (more.followNavigation) sdk.sdk.followNavigation();
    adapters.add(more.adapters ?? [], debug);
  };
  extend(options);

  // Some sites declare `var iAdvize = 'https://'` for old tags: only an object is a loaded tag.
  const tag = (win as unknown as { iAdvize?: unknown }).iAdvize;
  const tagAlreadyLoaded = tag !== null && typeof tag === 'object';
  const registry = createRegistry(win, dispatch, guard);
  if (debug) warnAboutSetup(tagAlreadyLoaded, registry.followsReassignment);

  const bridge: Bridge = {
    on: emitter.on,
    once: emitter.once,
    off: emitter.off,
    get state() {
      return state.current;
    },
    sdk: sdk.sdk,
    virtualAgent: va.virtualAgent,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      registry.destroy();
      sdk.destroy();
      va.destroy();
      emitter.clear();
      adapters.detachAll();
      if (slot[INSTALLED]?.bridge === bridge) delete slot[INSTALLED];
    },
  };
  return { bridge, extend };
}
