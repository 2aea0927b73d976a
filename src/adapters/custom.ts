import { fail } from '../core/errors.js';
import type { BridgeEvent } from '../core/events.js';
import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import type { Params } from './mapping.js';

/** What `custom` passes along with the event: the default name and the privacy-safe parameters. */
export interface Mapped {
  name: string;
  params: Params;
}

/**
 * Any other tool: `fn(event, { name, params })` for each forwarded event, with the same
 * selection, privacy, consent and isolation as the built-in adapters.
 * @example
 * install({ plugins: [custom((event, { name, params }) => myTool.log(name, params))] })
 */
export function custom<const T extends EventType = never>(
  fn: (event: BridgeEvent, mapped: Mapped) => void,
  options: AdapterOptions<T> = {},
): AnalyticsAdapter<NeedsOf<T>> {
  if (typeof fn !== 'function') fail('custom()', 'pass the function that sends each event');
  return createAdapter({ name: 'custom', find: () => fn, deliver: (send, name, params, event) => send(event, { name, params }) }, options);
}
