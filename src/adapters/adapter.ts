import { EVENT_TYPES, type BridgeEvent, type EventType } from '../events.js';
import { log } from '../guard.js';
import type { Adapter, AdapterContext } from '../adapter-set.js';
import { eventNameProblem, ga4Params } from './ga4-rules.js';
import { DEFAULT_EVENTS, defaultParams, MAPPING, shouldForward, type Params } from './mapping.js';

/** Options every analytics adapter takes. */
export interface AdapterOptions {
  /** The adapter's name on the bridge, which keeps one adapter per name. Default: the tool's (`'ga4'`, `'custom'`, ...). */
  id?: string;
  /** The event types to forward; replaces the default set (see `DEFAULT_EVENTS`). */
  events?: readonly EventType[];
  /** Other event names: a map checked when the adapter is created, or a function of the event and the default name. */
  name?: Partial<Record<EventType, string>> | ((event: BridgeEvent, defaultName: string) => string);
  /** Parameters to add to (or override) the default ones. What it returns is sent as is: the site's own choice. */
  params?: (event: BridgeEvent) => Params;
  /** Also send chat and conversation ids (never visitor or operator ids, texts or query strings). */
  includeIds?: boolean;
  /** While it returns false, events are dropped (not queued) and counted. */
  consent?: () => boolean;
}

/** What happened to the events an adapter was given. */
export interface AdapterStats {
  sent: number;
  /** Waiting for the tool to load. */
  pending: number;
  droppedNoConsent: number;
  /** More than `QUEUE_LIMIT` events waiting. */
  droppedQueueFull: number;
  /** Waited longer than `QUEUE_MS` for the tool. */
  droppedExpired: number;
  /** A custom name the tool cannot take, or a `name`/`params` option that threw. */
  droppedInvalid: number;
  /** The tool threw. */
  failed: number;
}

export interface AnalyticsAdapter extends Adapter {
  readonly stats: Readonly<AdapterStats>;
}

/** How one vendor's tool is found on the page and called. */
export interface Vendor<Tool> {
  name: string;
  /** The tool's own name for an event, from the GA4-style name. Default: unchanged. */
  eventName?: (name: string) => string;
  /** Enforce Google Analytics 4 naming and parameter limits. */
  ga4?: boolean;
  /** Said in debug mode when the adapter is added (e.g. the tool is discontinued). */
  debugWarning?: string;
  /** The tool, if the page has it now. */
  find: (win: Window) => Tool | undefined;
  deliver: (tool: Tool, name: string, params: Params, event: BridgeEvent) => void;
}

/** Events held while the tool is missing (not loaded yet, or blocked), and for how long. */
export const QUEUE_LIMIT = 50;
export const QUEUE_MS = 30_000;
/** How often a missing tool is looked for, only while events wait for it. */
export const RETRY_MS = 250;

interface Pending {
  name: string;
  params: Params;
  event: BridgeEvent;
  queuedAt: number;
}

const adapterError = (vendor: string, message: string) => new TypeError(`iadvize-bridge ${vendor}(): ${message}`);

function fail(vendor: string, message: string): never {
  throw adapterError(vendor, message);
}

/** Why `name` cannot be this tool's event name (GA4 rules for GA4 and GTM), or undefined when it can. */
function nameProblem(vendor: Vendor<unknown>, name: unknown): string | undefined {
  if (vendor.ga4) return eventNameProblem(name);
  return typeof name === 'string' && name ? undefined : 'names must be non-empty strings';
}

function checkOptions(vendor: Vendor<unknown>, options: AdapterOptions): void {
  const { id, events, name, params, consent } = options;
  if (id !== undefined && (typeof id !== 'string' || !id)) fail(vendor.name, '`id` must be a non-empty string');
  if (events !== undefined) {
    if (!Array.isArray(events)) fail(vendor.name, '`events` must be an array of event types');
    const unknown = events.filter((type) => EVENT_TYPES.indexOf(type) < 0);
    if (unknown.length) fail(vendor.name, `unknown event types in \`events\`: ${unknown.join(', ')}`);
  }
  if (typeof name === 'object' && name !== null) {
    for (const [type, custom] of Object.entries(name)) {
      if (EVENT_TYPES.indexOf(type as EventType) < 0) fail(vendor.name, `unknown event type "${type}" in \`name\``);
      const problem = nameProblem(vendor, custom);
      if (problem) fail(vendor.name, problem);
    }
  } else if (name !== undefined && typeof name !== 'function') fail(vendor.name, '`name` must be a map of event types to names, or a function');
  if (params !== undefined && typeof params !== 'function') fail(vendor.name, '`params` must be a function');
  if (consent !== undefined && typeof consent !== 'function') fail(vendor.name, '`consent` must be a function');
}

/**
 * The shared half of every analytics adapter: event selection, mapping and privacy, GA4 rules,
 * consent, and a bounded queue for a tool that is not there yet. A vendor only says how to find
 * and call its tool.
 */
export function createAdapter<Tool>(vendor: Vendor<Tool>, options: AdapterOptions = {}): AnalyticsAdapter {
  if (options === null || typeof options !== 'object') fail(vendor.name, 'options must be an object');
  checkOptions(vendor as Vendor<unknown>, options);
  const forwarded = new Set<EventType>(options.events ?? DEFAULT_EVENTS);
  const stats: AdapterStats = { sent: 0, pending: 0, droppedNoConsent: 0, droppedQueueFull: 0, droppedExpired: 0, droppedInvalid: 0, failed: 0 };
  const pending: Pending[] = [];
  let context: AdapterContext | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const report = (error: unknown, type: string): void => {
    if (context) context.report(error, type);
    else log('error', vendor.name, error);
  };

  function nameOf(event: BridgeEvent): string {
    const standard = (vendor.eventName ?? String)(MAPPING[event.type].name);
    const { name } = options;
    const custom = typeof name === 'function' ? name(event, standard) : name?.[event.type];
    if (custom === undefined) return standard;
    const problem = nameProblem(vendor as Vendor<unknown>, custom);
    if (problem) throw adapterError(vendor.name, problem);
    return custom;
  }

  function paramsOf(event: BridgeEvent): Params {
    const params = { ...defaultParams(event, options.includeIds === true), ...options.params?.(event) };
    if (!vendor.ga4) return params;
    const checked = ga4Params(params);
    if (checked.rejected.length) {
      report(adapterError(vendor.name, `GA4 would drop the parameters ${checked.rejected.join(', ')}`), event.type);
    }
    return checked.params;
  }

  function deliver(tool: Tool, { name, params, event }: Pending): void {
    try {
      vendor.deliver(tool, name, params, event);
      stats.sent++;
    } catch (error) {
      stats.failed++;
      report(error, event.type);
    }
  }

  let findFailing = false;
  /** The tool, or undefined while it is missing, half-loaded, or its getters throw (said once per failing spell). */
  function findTool(type: string): Tool | undefined {
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

  function flush(): void {
    const now = Date.now();
    while (pending.length && now - pending[0]!.queuedAt > QUEUE_MS) {
      pending.shift();
      stats.droppedExpired++;
    }
    const tool = pending.length ? findTool(pending[0]!.event.type) : undefined;
    while (tool && pending.length) deliver(tool, pending.shift()!);
    stats.pending = pending.length;
    // A timer runs only while events wait for the tool.
    if (pending.length && timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        flush();
      }, RETRY_MS);
    }
  }

  function allowed(event: BridgeEvent): boolean {
    try {
      return !options.consent || options.consent() === true;
    } catch (error) {
      report(error, event.type);
      return false;
    }
  }

  return {
    name: options.id ?? vendor.name,
    stats,
    attach(given) {
      context = given;
      if (given.debug && vendor.debugWarning) log('warn', `${vendor.name}: ${vendor.debugWarning}`);
    },
    detach() {
      clearTimeout(timer);
      timer = undefined;
      pending.length = stats.pending = 0;
    },
    send(event) {
      if (!forwarded.has(event.type) || !shouldForward(event)) return;
      if (!allowed(event)) {
        stats.droppedNoConsent++;
        return;
      }
      let item: Pending;
      try {
        item = { name: nameOf(event), params: paramsOf(event), event, queuedAt: Date.now() };
      } catch (error) {
        stats.droppedInvalid++;
        report(error, event.type);
        return;
      }
      // Nothing waiting and the tool is there: the common case, delivered at once.
      const tool = pending.length ? undefined : findTool(event.type);
      if (tool) return deliver(tool, item);
      // The tool may have arrived since the last look: deliver before judging the queue full.
      if (pending.length >= QUEUE_LIMIT) flush();
      if (pending.length >= QUEUE_LIMIT) {
        stats.droppedQueueFull++;
        return;
      }
      pending.push(item);
      flush();
    },
  };
}
