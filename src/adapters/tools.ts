import { fail } from '../core/errors.js';
import { globalsOf } from '../core/window.js';
import type { Vendor } from './create-adapter.js';
import { titleCase } from './mapping.js';

/** How SDK-style tools take an event: `tool.track(name, properties)`. */
export type Track = (name: string, properties?: Record<string, unknown>) => unknown;
type CommandQueue = { push(...items: unknown[]): unknown };

/**
 * The command array the vendor's own snippet starts with (`window._paq = window._paq || []`):
 * pushing before the tool loads is how these tools are meant to be used, so it is made if missing.
 */
export function commandQueue(win: Window, key: string): CommandQueue | undefined {
  const host = globalsOf(win);
  host[key] ??= [];
  const queue = host[key] as { push?: unknown } | null;
  return typeof queue?.push === 'function' ? (queue as CommandQueue) : undefined;
}

/** The first text and number parameters: the label and value of category/action/label tools. */
export function labelAndValue(params: Record<string, unknown>): { label?: string; value?: number } {
  const values = Object.values(params);
  const label = values.find((value): value is string => typeof value === 'string');
  const value = values.find((value): value is number => typeof value === 'number');
  return { label, value };
}

/** `tool` if it has the method the adapter calls, so a half-loaded tool waits instead of failing. */
function withMethod<M extends string>(tool: unknown, method: M): Record<M, Track> | undefined {
  return tool && typeof (tool as Record<string, unknown>)[method] === 'function' ? (tool as Record<M, Track>) : undefined;
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
  if (client !== undefined && typeof (client as Record<string, unknown> | null)?.[method] !== 'function')
    fail(`${name}()`, `\`client\` must be an object with a ${method}() function`);
  return {
    name,
    options: ['client'],
    eventName,
    find: (win) => withMethod(client ?? globalsOf(win)[global], method),
    deliver: (tool, event, properties) => tool[method](event, properties),
  };
}

/** The vendor half of the category/action/label command queues (`_gaq`, `_paq`): `[command, 'iAdvize', action, label, value]`. */
export function categoryActionVendor(name: string, queue: '_gaq' | '_paq', command: string): Vendor<CommandQueue> {
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
