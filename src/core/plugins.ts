import type { createEmitter, Slot } from './emitter.js';
import { fail } from './errors.js';
import { log, type Guard, type Report } from './guard.js';
import type { AnyPlugin, PluginContext, Unsubscribe } from './plugin.js';
import type { BridgeState } from './state.js';

interface Deps {
  win: Window;
  guard: Guard;
  report: Report;
  emitter: ReturnType<typeof createEmitter>;
  state: { readonly current: BridgeState };
  debug(): boolean;
  destroyed(): boolean;
}

interface Entry {
  plugin: AnyPlugin;
  /** The bridge members its setup added. */
  api: string[];
  /** Its subscriptions, ended with it. */
  stops: Unsubscribe[];
}

type Host = Record<string, unknown> & { on(type: string, listener: (event: never) => void, options?: object): Unsubscribe };
const run = (code: () => void): void => code();

/**
 * The bridge's plugins, one per name, each call isolated by the guard. The same plugin added again
 * is ignored; another one with a name already there replaces it (a second `install()` with `ga4()`,
 * a script tag's `data-analytics="ga4"` then an app's `ga4({ consent })`, hot reloading), so a tool
 * never receives an event twice and the latest configuration wins.
 */
export function createPlugins({ win, guard, report, emitter, state, debug, destroyed }: Deps) {
  let entries: readonly Entry[] = [];
  // Kept apart from `entries` so the hot path walks a plain list of senders.
  let senders: readonly AnyPlugin[] = [];
  let emitted = new Set<string>();

  function settle(next: readonly Entry[]): void {
    entries = next;
    senders = next.map((entry) => entry.plugin).filter((plugin) => typeof plugin.send === 'function');
    emitted = new Set(next.flatMap((entry) => (Array.isArray(entry.plugin.emits) ? entry.plugin.emits : [])));
  }

  // Events raised while one is being delivered (a listener makes the tag act, a plugin emits) wait
  // their turn: every listener and every tool hears them in the order they happened.
  const waiting: Array<[{ type: string }, Slot]> = [];
  let delivering = false;

  function deliverNow(event: { type: string }, slot: Slot): void {
    Object.freeze(event);
    emitter.emit(event, slot);
    const list = senders;
    for (let i = 0; i < list.length && !destroyed(); i++) {
      const plugin = list[i]!;
      guard(plugin.send!, plugin, event as never, 'plugin', event.type, plugin.name);
    }
  }

  /** One event, whatever its source: frozen, then to the listeners, then to every plugin that sends. */
  function deliver(event: { type: string }, slot: Slot): void {
    if (delivering) return void waiting.push([event, slot]);
    delivering = true;
    try {
      deliverNow(event, slot);
      for (let next = waiting.shift(); next && !destroyed(); next = waiting.shift()) deliverNow(...next);
    } finally {
      delivering = false;
      waiting.length = 0;
    }
  }

  function contextFor(entry: Entry, host: Host): PluginContext<Record<string, object>> {
    const { plugin } = entry;
    return {
      window: win,
      get debug() {
        return debug();
      },
      get state() {
        return state.current;
      },
      on(type: string, listener: (event: never) => void, options?: object) {
        const stop = host.on(type, listener, options);
        entry.stops.push(stop);
        return stop;
      },
      emit(type, payload, raw) {
        if (!emitted.has(type)) fail(`plugin "${plugin.name}"`, `emits "${type}", which is not in its \`emits\``);
        if (destroyed() || entries.indexOf(entry) < 0) return;
        const event = Object.assign({ type, at: Date.now(), raw }, payload);
        if (debug()) log('info', plugin.name, raw, '->', event);
        deliver(event, emitter.slotOf(type)!);
      },
      guard: (code, type) => guard(run, undefined, code, 'plugin', type, plugin.name),
      report: (error, type) => report(error, plugin, { source: 'plugin', type, plugin: plugin.name }),
    } as PluginContext<Record<string, object>>;
  }

  function teardown(entry: Entry, host: Host): void {
    entry.stops.forEach((stop) => stop());
    for (const key of entry.api) delete host[key];
    if (entry.plugin.teardown) guard(entry.plugin.teardown, entry.plugin, undefined, 'plugin', 'teardown', entry.plugin.name);
  }

  return {
    deliver,
    /** Whether an installed plugin emits events of `type`. */
    emits: (type: string): boolean => emitted.has(type),
    use(plugin: AnyPlugin, bridge: object): void {
      const host = bridge as Host;
      if (entries.some((entry) => entry.plugin === plugin)) return;
      const replaced = entries.find((entry) => entry.plugin.name === plugin.name);
      if (replaced) {
        teardown(replaced, host);
        log('warn', `plugin "${plugin.name}" replaces an earlier one of that name; give each its own \`id\` to keep both`);
      }
      const entry: Entry = { plugin, api: [], stops: [] };
      settle([...entries.filter((other) => other !== replaced), entry]);
      if (!plugin.setup) return;
      const api = guard(plugin.setup, plugin, contextFor(entry, host), 'plugin', 'setup', plugin.name);
      if (!api || typeof api !== 'object') return;
      for (const key of Object.keys(api)) {
        if (key in host) report(new TypeError(`iadvize-bridge: plugin "${plugin.name}" cannot replace bridge.${key}`), plugin, { source: 'plugin', type: 'setup', plugin: plugin.name });
        else entry.api.push(key), (host[key] = (api as Record<string, unknown>)[key]);
      }
    },
    teardownAll(bridge: object): void {
      const all = entries;
      settle([]);
      all.forEach((entry) => teardown(entry, bridge as Host));
    },
  };
}
