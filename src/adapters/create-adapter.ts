import { fail } from '../core/errors.js';
import { log } from '../core/guard.js';
import { CORE_EVENT_TYPES, type BridgeEvent, type CoreEvents, type EventType } from '../core/events.js';
import type { Adapter, EventRow, PluginContext } from '../core/plugin.js';
import { createDeliveryQueue, type AdapterStats } from './delivery-queue.js';
import type { NamingRules } from '../shared/ga4-rules.js';
import { checkKnownOptions } from '../shared/known-options.js';
import { coreRow, defaultParams, shouldForward, type Params } from './mapping.js';

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
  /** While it returns false, events are dropped (not queued) and counted. */
  consent?: (() => boolean) | undefined;
}

/** An adapter with its delivery figures; `Needs`: the plugins' event types its `events` lists. */
export interface AnalyticsAdapter<Needs extends string = string> extends Adapter<Needs> {
  readonly stats: Readonly<AdapterStats>;
}

/** The plugins' event types an adapter's `events` asks the bridge for (none when typed only as `EventType`). */
export type NeedsOf<T extends EventType> = EventType extends T ? never : Exclude<T, keyof CoreEvents>;

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

const ANY_NAME: Pick<NamingRules, 'eventNameProblem'> = {
  eventNameProblem: (name) => (typeof name === 'string' && name ? undefined : 'names must be non-empty strings'),
};

// A core event type, or a plugin's: `prefix:name` with a prefix none of the core's types uses (`chat:begun` is a typo).
const mayExist = (type: unknown): boolean =>
  typeof type === 'string' &&
  (CORE_EVENT_TYPES.indexOf(type as never) >= 0 ||
    (/^[\w-]+:./.test(type) && !CORE_EVENT_TYPES.some((core) => core.startsWith(type.split(':')[0] + ':'))));

function checkOptions(
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
  if (consent !== undefined && typeof consent !== 'function') fail(scope, '`consent` must be a function');
  // 'false' is truthy: a string would send the ids the site meant to keep.
  if (includeIds !== undefined && typeof includeIds !== 'boolean') fail(scope, '`includeIds` must be true or false');
}

/**
 * The shared half of every analytics adapter, a plugin: event selection, mapping and privacy, the
 * tool's naming rules, consent, and a bounded queue for a tool that is not there yet. A vendor only
 * says how to find and call its tool.
 */
export function createAdapter<Tool, T extends EventType = never>(
  vendor: Vendor<Tool>,
  options: AdapterOptions<T> = {},
): AnalyticsAdapter<NeedsOf<T>> {
  const scope = `${vendor.name}()`;
  const rules = vendor.rules ?? ANY_NAME;
  checkOptions(scope, rules, options, vendor.options);
  const { name: rename, params: extra, consent, includeIds = false } = options;
  // Without `events`, the types whose row says `on`.
  const forwarded = options.events && new Set<string>(options.events);
  const stats: AdapterStats = {
    sent: 0,
    pending: 0,
    droppedNoConsent: 0,
    droppedQueueFull: 0,
    droppedExpired: 0,
    droppedInvalid: 0,
    failed: 0,
  };
  // The tool's name of each event type, when it does not depend on the event: worked out once.
  const names = new Map<string, string>();
  let context: PluginContext | undefined;
  let findFailing = false;

  const report = (error: unknown, type: string): void => (context ? context.report(error, type) : log('error', vendor.name, error));

  /** How tools see events of `type`: the core's row, or the one its plugin declared. */
  const rowOf = (type: string): EventRow | undefined => coreRow(type) ?? context?.describe(type);

  function nameOf(event: BridgeEvent, row: EventRow): string {
    let name = names.get(event.type);
    if (name !== undefined) return name;
    const standard = (vendor.eventName ?? String)(row.name);
    const custom = typeof rename === 'function' ? rename(event, standard) : rename?.[event.type];
    const problem = custom === undefined ? undefined : rules.eventNameProblem(custom);
    if (problem) fail(scope, problem);
    name = custom ?? standard;
    if (typeof rename !== 'function') names.set(event.type, name);
    return name;
  }

  function paramsOf(event: BridgeEvent, row: EventRow): Params {
    const params = defaultParams(row, event, includeIds);
    if (extra) Object.assign(params, extra(event));
    if (!vendor.rules) return params;
    const rejected = vendor.rules.params(params);
    if (rejected)
      report(new TypeError(`iadvize-bridge ${scope}: ${vendor.rules.tool} would drop the parameters ${rejected.join(', ')}`), event.type);
    return params;
  }

  /** The tool, or undefined while it is missing, half-loaded, or its getters throw (said once per failing spell). */
  function find(type: string): Tool | undefined {
    try {
      const tool = vendor.find(context?.window ?? (globalThis as unknown as Window));
      findFailing = false;
      return tool;
    } catch (error) {
      if (!findFailing) report(error, type);
      findFailing = true;
      return undefined;
    }
  }

  const queue = createDeliveryQueue<Tool>(
    find,
    (tool, name, params, event) => {
      try {
        vendor.deliver(tool, name, params, event);
        stats.sent++;
      } catch (error) {
        stats.failed++;
        report(error, event.type);
      }
    },
    stats,
  );

  /** Says once, on the console, which listed plugin events this bridge cannot forward. */
  function checkListed(given: PluginContext, listed: readonly string[]): void {
    for (const type of new Set(listed)) {
      if (!coreRow(type) && !given.describe(type)?.name)
        log('warn', `${scope}: "${type}" is not forwarded: add the plugin that emits it, with a \`name\` in its \`events\``);
    }
  }

  return {
    name: options.id ?? vendor.name,
    stats,
    setup(given) {
      context = given;
      if (given.debug && vendor.debugWarning) log('warn', `${vendor.name}: ${vendor.debugWarning}`);
      // A plugin's events listed in `events` or `name`: its plugin may come later in the same list, or from
      // a later use(), so they are checked once the page's own code has run.
      const listed = [...(options.events ?? []), ...(typeof rename === 'object' && rename ? Object.keys(rename) : [])];
      if (listed.some((type) => !coreRow(type))) setTimeout(() => given.guard(() => checkListed(given, listed), 'events'));
    },
    teardown: queue.clear,
    send(event) {
      const row = rowOf(event.type);
      if (!row || !(forwarded ? forwarded.has(event.type) : row.on) || !shouldForward(row, event)) return;
      try {
        if (consent && consent() !== true) {
          stats.droppedNoConsent++;
          return;
        }
      } catch (error) {
        stats.droppedNoConsent++;
        return report(error, event.type);
      }
      let name: string;
      let params: Params;
      try {
        name = nameOf(event, row);
        params = paramsOf(event, row);
      } catch (error) {
        stats.droppedInvalid++;
        return report(error, event.type);
      }
      queue.send(name, params, event);
    },
  };
}
