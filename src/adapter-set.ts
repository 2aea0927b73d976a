import type { BridgeEvent } from './events.js';
import { log, type Guard, type Report } from './guard.js';

/** What the bridge gives an adapter when it is added. */
export interface AdapterContext {
  /** The window the bridge is installed on: where the adapter finds its tool. */
  readonly window: Window;
  /** Whether the bridge logs for debugging, so an adapter can add its own warnings. */
  readonly debug: boolean;
  /** Reports a failure that happened outside `send` (e.g. a delayed delivery) like any other adapter error. */
  report(error: unknown, type: string): void;
}

/**
 * Anything that forwards events somewhere: `send` receives every event, isolated from the rest.
 * `attach` is called once when the adapter is added to a bridge, `detach` when it leaves it (the
 * bridge is destroyed, or a later adapter with the same `name` replaces it).
 */
export interface Adapter {
  /** Identifies the adapter on a bridge: one adapter per name. */
  readonly name: string;
  send(event: BridgeEvent): void;
  attach?(context: AdapterContext): void;
  detach?(): void;
}

/**
 * The bridge's adapters, one per name, each call isolated by the guard. The same adapter added
 * again is ignored; another one with a name already there replaces it (a second `install()` with
 * `ga4()`, a script tag's `data-analytics="ga4"` then an app's `ga4({ consent })`, hot reloading),
 * so a tool never receives an event twice and the latest configuration wins.
 */
export function createAdapterSet(win: Window, guard: Guard, report: Report) {
  let adapters: readonly Adapter[] = [];
  let detached = false;
  const context = (adapter: Adapter, type: string) => ({ source: 'adapter', type, adapter: adapter.name }) as const;
  const detach = (adapter: Adapter): void => guard(() => adapter.detach?.(), adapter, context(adapter, 'detach'));

  return {
    add(added: readonly Adapter[], debug: boolean): void {
      for (const adapter of added) {
        if (adapters.indexOf(adapter) >= 0) continue;
        const replaced = adapters.find((existing) => existing.name === adapter.name);
        if (replaced) {
          detach(replaced);
          log('warn', `adapter "${adapter.name}" replaces an earlier one of that name; give each its own \`id\` to keep both`);
        }
        adapters = [...adapters.filter((existing) => existing !== replaced), adapter];
        const attachContext: AdapterContext = { window: win, debug, report: (error, type) => report(error, adapter, context(adapter, type)) };
        guard(() => adapter.attach?.(attachContext), adapter, context(adapter, 'attach'));
      }
    },
    send(event: BridgeEvent): void {
      const list = adapters;
      for (let i = 0; i < list.length && !detached; i++) {
        const adapter = list[i]!;
        guard(() => adapter.send(event), adapter, context(adapter, event.type));
      }
    },
    detachAll(): void {
      detached = true;
      adapters.forEach(detach);
      adapters = [];
    },
  };
}
