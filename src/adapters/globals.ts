import type { Vendor } from './adapter.js';
import { titleCase } from './mapping.js';

/** The vendor globals the adapters look for, declared once. */
export type Track = (name: string, properties?: Record<string, unknown>) => unknown;

export interface VendorGlobals {
  gtag?: (...args: unknown[]) => void;
  ga?: (...args: unknown[]) => void;
  _gaq?: unknown[];
  _paq?: unknown[];
  analytics?: { track?: Track };
  mixpanel?: { track?: Track };
  amplitude?: { track?: Track };
  posthog?: { capture?: Track };
  plausible?: (name: string, options?: { props?: Record<string, unknown> }) => void;
  adobeDataLayer?: unknown[];
  [dataLayerName: string]: unknown;
}

export const globals = (win: Window) => win as unknown as VendorGlobals;

/**
 * The command array the vendor's own snippet starts with (`window._paq = window._paq || []`):
 * pushing before the tool loads is how these tools are meant to be used, so it is made if missing.
 */
export function commandQueue(win: Window, key: string): { push(...items: unknown[]): unknown } | undefined {
  const host = globals(win);
  host[key] ??= [];
  const queue = host[key] as { push?: unknown };
  return typeof queue?.push === 'function' ? (queue as { push(...items: unknown[]): unknown }) : undefined;
}

/** The first text and number parameters: the label and value of category/action/label tools. */
export function labelAndValue(params: Record<string, unknown>): { label?: string; value?: number } {
  const values = Object.values(params);
  const label = values.find((value): value is string => typeof value === 'string');
  const value = values.find((value): value is number => typeof value === 'number');
  return { label, value };
}

/** `tool` if it has the method the adapter calls, so a half-loaded tool waits instead of failing. */
export function withMethod<T extends object, M extends string>(tool: T | undefined, method: M): (T & Record<M, Track>) | undefined {
  return tool && typeof (tool as Record<string, unknown>)[method] === 'function' ? (tool as T & Record<M, Track>) : undefined;
}

/**
 * The vendor half of the SDK-style tools (`mixpanel.track(name, properties)` and the like): the
 * client passed in, or the page's global, called as `client[method](name, properties)`.
 */
export function trackingVendor<M extends string>(
  name: string,
  global: 'analytics' | 'mixpanel' | 'amplitude' | 'posthog',
  method: M,
  client: object | undefined,
  eventName?: (name: string) => string,
): Vendor<Record<M, Track>> {
  return {
    name,
    eventName,
    find: (win) => withMethod((client ?? globals(win)[global]) as object | undefined, method),
    deliver: (tool, event, properties) => tool[method](event, properties),
  };
}

/** The vendor half of the category/action/label command queues (`_gaq`, `_paq`): `[command, 'iAdvize', action, label, value]`. */
export function categoryActionVendor(name: string, queue: '_gaq' | '_paq', command: string): Vendor<{ push(...items: unknown[]): unknown }> {
  return {
    name,
    eventName: titleCase,
    find: (win) => commandQueue(win, queue),
    deliver: (commands, action, params) => {
      const { label, value } = labelAndValue(params);
      commands.push([command, 'iAdvize', action, label, value].filter((part) => part !== undefined));
    },
  };
}
