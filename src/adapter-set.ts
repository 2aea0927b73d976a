import type { BridgeEvent } from './events.js';
import type { Guard, Report } from './guard.js';

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
 * `attach` is called once when the adapter is added to a bridge, `detach` when the bridge is destroyed.
 */
export interface Adapter {
  readonly name: string;
  send(event: BridgeEvent): void;
  attach?(context: AdapterContext): void;
  detach?(): void;
}

/** The bridge's adapters: each added once, each call isolated by the guard. */
export function createAdapterSet(win: Window, guard: Guard, report: Report) {
  const adapters: Adapter[] = [];
  const context = (adapter: Adapter, type: string) => ({ source: 'adapter', type, adapter: adapter.name }) as const;
  return {
    add(added: readonly Adapter[], debug: boolean): void {
      for (const adapter of added) {
        if (adapters.indexOf(adapter) >= 0) continue;
        adapters.push(adapter);
        const attachContext: AdapterContext = { window: win, debug, report: (error, type) => report(error, adapter, context(adapter, type)) };
        guard(() => adapter.attach?.(attachContext), adapter, context(adapter, 'attach'));
      }
    },
    send(event: BridgeEvent): void {
      for (const adapter of adapters.slice()) guard(() => adapter.send(event), adapter, context(adapter, event.type));
    },
    detachAll(): void {
      for (const adapter of adapters) guard(() => adapter.detach?.(), adapter, context(adapter, 'detach'));
      adapters.length = 0;
    },
  };
}
