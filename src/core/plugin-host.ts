import type { Delivery } from './delivery.js';
import { fail, isMistake } from './errors.js';
import { log, type Guard, type Report } from './guard.js';
import type { AnyPlugin, EventRow, PluginContext, Unsubscribe } from './plugin.js';
import type { BridgeState } from './state.js';

interface Deps {
  win: Window;
  guard: Guard;
  report: Report;
  delivery: Delivery;
  state: { readonly current: BridgeState };
  debug: () => boolean;
  destroyed: () => boolean;
}

type Fn = (this: AnyPlugin, arg: never) => unknown;
interface Entry {
  plugin: AnyPlugin;
  /** Its fields, read once when it is added: a getter or a Proxy that throws later never reaches the tag. */
  name: string;
  setup?: Fn;
  send?: Fn;
  teardown?: Fn;
  /** The event types it emits. */
  events: ReadonlySet<string>;
  /** Its `events` object: how analytics tools see them. */
  rows?: Record<string, EventRow>;
  /** The bridge members its setup added. */
  api: string[];
  /** Its subscriptions, ended with it. */
  stops: Unsubscribe[];
}

type Host = Record<string, unknown> & { on(type: string, listener: (event: never) => void, options?: object): Unsubscribe };
const run = (code: () => void): void => code();
/** The event types `plugin` emits: the keys of its `events`, and its older `emits` list. */
function readEvents(scope: string, events: unknown, emits: unknown): Set<string> {
  if (emits !== undefined && (!Array.isArray(emits) || emits.some((type) => typeof type !== 'string')))
    fail(scope, '`emits` must be an array of event types');
  if (events !== undefined && (events === null || typeof events !== 'object' || Array.isArray(events)))
    fail(scope, '`events` must be an object of event types');
  return new Set([...((emits as string[] | undefined) ?? []), ...Object.keys(events ?? {})]);
}

/** `plugin`'s fields, checked: a wrong one is the caller's mistake, thrown where the plugin is added. */
function read(plugin: AnyPlugin): Entry {
  const { name, setup, send, teardown, events, emits } = plugin as unknown as Record<string, unknown>;
  if (typeof name !== 'string' || !name) fail('plugin', 'each plugin needs a non-empty string `name`');
  const scope = `plugin "${name}"`;
  const fns = { setup, send, teardown };
  for (const [key, fn] of Object.entries(fns))
    if (fn !== undefined && typeof fn !== 'function') fail(scope, `\`${key}\` must be a function`);
  const rows = events as Entry['rows'];
  return { plugin, name, ...(fns as Pick<Entry, 'setup'>), events: readEvents(scope, events, emits), rows, api: [], stops: [] };
}

/**
 * The bridge's plugins, one per name, each call isolated by the guard. The same plugin added again
 * is ignored; another one with a name already there replaces it (a second `install()` with `ga4()`,
 * a script tag's `data-analytics="ga4"` then an app's `ga4({ consent })`, hot reloading), so a tool
 * never receives an event twice and the latest configuration wins.
 */
export function createPluginHost({ win, guard, report, delivery, state, debug, destroyed }: Deps) {
  let entries: readonly Entry[] = [];

  function settle(next: readonly Entry[]): void {
    entries = next;
    // The hot path walks a plain list of senders, kept apart from `entries`.
    delivery.setSenders(next.filter((entry) => entry.send) as never);
  }
  const emitterOf = (type: string): Entry | undefined => entries.find((entry) => entry.events.has(type));

  function contextFor(entry: Entry, host: Host): PluginContext<Record<string, object>> {
    const { name } = entry;
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
        // As in 0.1.0, any installed plugin's declared type (a helper plugin may emit for another).
        if (!emitterOf(type)) fail(`plugin "${name}"`, `emits "${type}", which is not in its \`emits\` or \`events\``);
        if (destroyed() || entries.indexOf(entry) < 0) return;
        const event = Object.assign({ type, at: Date.now(), raw }, payload);
        if (debug()) log('info', name, raw, '->', event);
        delivery.deliver(event, delivery.slotOf(type)!);
      },
      guard: (code, type) => guard(run, undefined, code, 'plugin', type, name),
      report: (error, type) => report(error, entry.plugin, { source: 'plugin', type, plugin: name }),
      // Read when an adapter first needs it, inside the adapter's guarded send.
      describe: (type) => emitterOf(type)?.rows?.[type],
    } as PluginContext<Record<string, object>>;
  }

  function teardown(entry: Entry, host: Host): void {
    entry.stops.forEach((stop) => stop());
    for (const key of entry.api) delete host[key];
    if (entry.teardown) guard(entry.teardown, entry.plugin, undefined as never, 'plugin', 'teardown', entry.name);
  }

  return {
    /** Whether an installed plugin emits events of `type`. */
    emits: (type: string): boolean => !!emitterOf(type),
    use(plugin: AnyPlugin, bridge: object): void {
      const host = bridge as Host;
      if (entries.some((entry) => entry.plugin === plugin)) return;
      let entry: Entry;
      try {
        entry = read(plugin);
      } catch (error) {
        if (isMistake(error)) throw error;
        return report(error, plugin, { source: 'plugin', type: 'setup' });
      }
      const { name } = entry;
      const replaced = entries.find((other) => other.name === name);
      if (replaced) {
        teardown(replaced, host);
        log('warn', `plugin "${name}" replaces an earlier one of that name; give each its own \`id\` to keep both`);
      }
      settle([...entries.filter((other) => other !== replaced), entry]);
      if (!entry.setup) return;
      let mistake: Error | undefined;
      const api = guard(
        function (this: AnyPlugin, context: never) {
          try {
            return entry.setup!.call(this, context);
          } catch (error) {
            // The plugin's own option check (an endpoint only the page can judge): the caller's mistake.
            if (!isMistake(error)) throw error;
            mistake = error as Error;
            return undefined;
          }
        },
        plugin,
        contextFor(entry, host) as never,
        'plugin',
        'setup',
        name,
      );
      if (mistake) {
        settle(entries.filter((other) => other !== entry));
        teardown(entry, host);
        throw mistake;
      }
      if (!api || typeof api !== 'object') return;
      for (const key of Object.keys(api)) {
        if (key in host)
          report(new TypeError(`iadvize-bridge: plugin "${name}" cannot replace bridge.${key}`), plugin, {
            source: 'plugin',
            type: 'setup',
            plugin: name,
          });
        else {
          entry.api.push(key);
          host[key] = (api as Record<string, unknown>)[key];
        }
      }
    },
    teardownAll(bridge: object): void {
      const all = entries;
      settle([]);
      all.forEach((entry) => teardown(entry, bridge as Host));
    },
  };
}
