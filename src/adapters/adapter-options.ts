import { isConsentSource, type ConsentSource } from '../consent/source.js';
import { fail } from '../core/errors.js';
import { CORE_EVENT_TYPES, type BridgeEvent, type CoreEvents, type EventType } from '../core/events.js';
import type { Adapter } from '../core/plugin.js';
import type { AdapterStats } from './delivery-queue.js';
import type { NamingRules } from '../shared/ga4-rules.js';
import { checkKnownOptions } from '../shared/known-options.js';
import type { Params } from './mapping.js';

/** Options every analytics adapter takes; `T`, the event types of `events`, checked against the bridge's plugins. */
export interface AdapterOptions<T extends EventType = EventType> {
  /** The adapter's name on the bridge, which keeps one per name. Default: the tool's (`'ga4'`, `'custom'`, ...). */
  id?: string | undefined;
  /**
   * The event types to forward; replaces the default set (see `DEFAULT_EVENTS`). A plugin's event
   * (`'tag:failed'`) needs that plugin on the bridge, which the type check of `install()` and `use()` asks for.
   */
  events?: readonly T[] | undefined;
  /** Other event names: a map checked when the adapter is created, or a function of the event and the default name. */
  name?: (Partial<Record<EventType, string>> | ((event: BridgeEvent, defaultName: string) => string)) | undefined;
  /** Parameters to add to (or override) the default ones. What it returns is sent as is: the site's own choice. */
  params?: ((event: BridgeEvent) => Params) | undefined;
  /** Also send chat and conversation ids (never visitor or operator ids, texts or query strings). */
  includeIds?: boolean | undefined;
  /**
   * The visitor's consent for this tool: a consent source (`tcf()`, `googleConsentMode({ types })`,
   * `didomi({ vendor })`, ...), or a function. Events are forwarded only while the source says
   * `'granted'` (or the function returns true); others are dropped (never sent later) and counted.
   */
  consent?: ConsentSource | (() => boolean) | undefined;
}

/** An adapter with its delivery figures; `Needs`: the plugins' event types its `events` lists. */
export interface AnalyticsAdapter<Needs extends string = string> extends Adapter<Needs> {
  readonly stats: Readonly<AdapterStats>;
}

/**
 * The plugins' event types an adapter's `events` asks the bridge for. A list with every core event
 * (typed as `EventType`, or 0.1.0's `EVENT_TYPES`) means "everything there is" and asks for nothing.
 */
export type NeedsOf<T extends EventType> = keyof CoreEvents extends T ? never : Exclude<T, keyof CoreEvents>;

/** How one vendor's tool is found on the page and called. */
export interface Vendor<Tool> {
  name: string;
  /** The tool's own name for an event, from the GA4-style name. Default: unchanged. */
  eventName?: (name: string) => string;
  /** The naming and parameter rules the tool imposes (`GA4_RULES` for GA4 and GTM). */
  rules?: NamingRules;
  /** The names of the vendor's own options, besides those of every adapter (`['dataLayerName']`): any other is a mistake. */
  options?: readonly string[];
  /** Said in debug mode when the adapter is added (e.g. the tool is discontinued). */
  debugWarning?: string;
  /** The tool, if the page has it now. */
  find: (win: Window) => Tool | undefined;
  deliver: (tool: Tool, name: string, params: Params, event: BridgeEvent) => void;
}

const ADAPTER_OPTIONS = ['id', 'events', 'name', 'params', 'includeIds', 'consent'] satisfies Array<keyof AdapterOptions>;

/** The naming rule of a tool that imposes none. */
export const ANY_NAME: Pick<NamingRules, 'eventNameProblem'> = {
  eventNameProblem: (name) => (typeof name === 'string' && name ? undefined : 'names must be non-empty strings'),
};

// A core event type, or a plugin's: `prefix:name` with a prefix none of the core's types uses (`chat:begun` is a typo).
const mayExist = (type: unknown): boolean =>
  typeof type === 'string' &&
  (CORE_EVENT_TYPES.indexOf(type as never) >= 0 ||
    (/^[\w-]+:./.test(type) && !CORE_EVENT_TYPES.some((core) => core.startsWith(type.split(':')[0] + ':'))));

/** A mistake in an adapter's options, thrown where the adapter is made, naming the option. */
export function checkAdapterOptions(
  scope: string,
  rules: Pick<NamingRules, 'eventNameProblem'>,
  options: AdapterOptions,
  own: readonly string[] = [],
): void {
  checkKnownOptions(scope, options, [...ADAPTER_OPTIONS, ...own]);
  const { id, events, name, params, consent, includeIds } = options;
  if (id !== undefined && (typeof id !== 'string' || !id)) fail(scope, '`id` must be a non-empty string');
  if (events !== undefined) {
    if (!Array.isArray(events)) fail(scope, '`events` must be an array of event types');
    const unknown = events.filter((type) => !mayExist(type));
    if (unknown.length) fail(scope, `unknown event types in \`events\`: ${unknown.join(', ')}`);
  }
  if (typeof name === 'object' && name !== null) {
    for (const [type, custom] of Object.entries(name)) {
      if (!mayExist(type)) fail(scope, `unknown event type "${type}" in \`name\``);
      const problem = rules.eventNameProblem(custom);
      if (problem) fail(scope, problem);
    }
  } else if (name !== undefined && typeof name !== 'function') fail(scope, '`name` must be a map of event types to names, or a function');
  if (params !== undefined && typeof params !== 'function') fail(scope, '`params` must be a function');
  if (consent !== undefined && typeof consent !== 'function' && !isConsentSource(consent))
    fail(scope, '`consent` must be a consent source (tcf(), ...) or a function');
  // 'false' is truthy: a string would send the ids the site meant to keep.
  if (includeIds !== undefined && typeof includeIds !== 'boolean') fail(scope, '`includeIds` must be true or false');
}
