// The event path, one tag callback to a tool such as gtag (bench/event-path-files.mjs measures it):
//   1. the tag calls window.iAdvizeCallbacks.onChatStarted(raw): the link registry.ts installed;
//   2. route(), below, built once per callback;
//   3. normalise.ts reads raw into the event; state.ts updates bridge.state and the tab's chat record;
//   4. delivery.ts freezes it, then hands it to the listeners, then to each plugin's send, through guard.ts;
//   5. adapters/create-adapter.ts selects and maps it (mapping.ts); delivery-queue.ts finds the tool, or waits;
//   6. adapters/ga4.ts calls gtag('event', ...).
// A plugin's own events (tag:*, va:handoff, ...) enter at step 4, from plugin-host.ts.
import { createChatStore } from './chat-session.js';
import { checkOptions, checkPlugin } from './options.js';
import { createDelivery } from './delivery.js';
import { fail } from './errors.js';
import { CALLBACKS, CORE_EVENT_TYPES, type CallbackName, type CoreEvents } from './events.js';
import { createGuard, log } from './guard.js';
import { readerFor } from './normalise.js';
import type { Adapter, AnyPlugin, OnOptions, Unsubscribe } from './plugin.js';
import { createPluginHost } from './plugin-host.js';
import type { Bridge, CheckedOptions, InstalledBridge, InstallOptions } from './bridge.js';
export type { Bridge, CheckedOptions, InstalledBridge, InstallOptions } from './bridge.js';
import { createRegistry } from './registry.js';
import { createState } from './state.js';
import { globalsOf } from './window.js';

interface Installed {
  bridge: Bridge<object>;
  /** A later install() on the same window adds its plugins and debug setting to the first one. */
  extend(options: InstallOptions): void;
}

// Shared through the window so the IIFE build and an ESM import on one page make one bridge.
const INSTALLED = Symbol.for('iadvize-bridge');
function debugFromUrl(win: Window): boolean {
  try {
    return /[?&]iadvize_debug=(1|true)(&|$)/.test(win.location.search);
  } catch {
    return false;
  }
}

/**
 * Installs the bridge on the page: `window.iAdvizeCallbacks` becomes a registry that keeps the
 * site's callbacks and turns every callback into a typed event. Call it before the iAdvize tag.
 * A second call on the same window returns the same bridge, with the plugins it was given added.
 * @example
 * const bridge = install({ plugins: [ga4()], onError: (error) => report(error) })
 * bridge.on('chat:started', (e) => console.log('chat', e.chatId, e.conversationId))
 */
export function install<const P extends readonly AnyPlugin[] = [], const A extends readonly Adapter[] = readonly Adapter[]>(
  options: CheckedOptions<P, A> = {},
): InstalledBridge<P> {
  checkOptions(options);
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  if (!win || typeof win !== 'object') fail('install()', 'needs a browser window (pass `window` outside the browser)');
  const slot = win as unknown as Record<symbol, Installed | undefined>;
  const existing = slot[INSTALLED];
  if (existing) existing.extend(options);
  else Object.defineProperty(win, INSTALLED, { value: createBridge(win, options), configurable: true });
  return slot[INSTALLED]!.bridge as InstalledBridge<P>;
}

/** Wires the registry, normaliser, state, delivery and plugins of one window. */
function createBridge(win: Window, options: InstallOptions): Installed {
  const slot = win as unknown as Record<symbol, Installed | undefined>;
  let debug = options.debug === true || debugFromUrl(win);
  let destroyed = false;
  const { guard, report, setHandler } = createGuard(options.onError);
  const state = createState(createChatStore(win, options.persist !== false));
  const delivery = createDelivery(guard, () => destroyed);
  const plugins = createPluginHost({ win, guard, report, delivery, state, debug: () => debug, destroyed: () => destroyed });

  /** What a tag callback becomes, fixed once per callback: read, measured, logged, heard, forwarded. */
  function route(name: CallbackName): (raw: unknown) => void {
    const type = CALLBACKS[name];
    const read = readerFor(type);
    const apply = state.handlerFor(type);
    const eventSlot = delivery.slotOf(type)!;
    return (raw) => {
      if (destroyed) return;
      const event: Record<string, unknown> = { type, at: Date.now(), raw };
      if (read) read(event, raw);
      if (apply) apply(event);
      if (debug) log('info', name, raw, '->', event);
      delivery.deliver(event as { type: string }, eventSlot);
    };
  }

  /** A later install() on the window: its options apply to this bridge, the latest winning, as its plugins do. */
  const extend = (more: InstallOptions): void => {
    checkOptions(more);
    if (more.debug) debug = true;
    if (more !== options && more.onError) setHandler(more.onError);
    // persist: false from the app after a script tag installed: the stored record goes, and nothing more is written.
    if (more !== options && more.persist !== undefined) state.useStore(createChatStore(win, more.persist));
    for (const plugin of [...(more.plugins ?? []), ...(more.adapters ?? [])]) plugins.use(plugin, bridge);
  };

  const tag = globalsOf(win).iAdvize;
  // Some sites declare `var iAdvize = 'https://'` for old tags: only an object is a loaded tag.
  if (debug && tag !== null && typeof tag === 'object') {
    log('warn', 'installed after the iAdvize tag: events reach the bridge only if the tag looks callbacks up late');
  }
  // Site code the registry cannot follow (an unreadable object, a redefined global) is said to onError, or once on the console.
  const registry = createRegistry(win, route, guard, (error) => report(error, win, { source: 'callback', type: 'iAdvizeCallbacks' }));
  if (debug && !registry.followsReassignment)
    log(
      'warn',
      'window.iAdvizeCallbacks cannot be redefined (declared with var, or locked): a later reassignment of it cannot be followed',
    );

  const on = (type: string, listener: (event: never) => void, onOptions?: OnOptions): Unsubscribe =>
    delivery.on(
      type,
      listener as never,
      onOptions,
      CORE_EVENT_TYPES.indexOf(type as keyof CoreEvents) >= 0 || type === '*' || plugins.emits(type),
    );

  const bridge = {
    on,
    once(type: string, listener: (event: never) => void, onOptions?: OnOptions): Unsubscribe {
      let done = false;
      let stop: Unsubscribe | undefined;
      const listenOnce = (event: never): void => {
        if (done) return;
        done = true;
        // With replay this runs inside on(), before `stop` is known: it is called just after.
        stop?.();
        listener(event);
      };
      stop = on(type, listenOnce, onOptions);
      if (done) stop();
      return stop;
    },
    off: (type: string, listener: (event: never) => void) => delivery.off(type, listener as never),
    get state() {
      return state.current;
    },
    use(plugin: AnyPlugin) {
      checkPlugin(plugin, false, 'use()');
      extend({ plugins: [plugin] });
      return bridge;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      registry.destroy();
      plugins.teardownAll(bridge);
      delivery.clear();
      if (slot[INSTALLED]?.bridge === bridge) delete slot[INSTALLED];
    },
  } as unknown as Bridge<object>;
  try {
    extend(options);
  } catch (error) {
    // A mistake in the first install's plugins: the registry goes with the bridge, leaving the site's callbacks.
    bridge.destroy();
    throw error;
  }
  return { bridge, extend };
}
