import { isConsentSource } from '../consent/source.js';
import { fail } from '../core/errors.js';
import { log } from '../core/guard.js';
import type { BridgeEvent, EventType } from '../core/events.js';
import type { EventRow, PluginContext } from '../core/plugin.js';
import { ANY_NAME, checkAdapterOptions, type AdapterOptions, type AnalyticsAdapter, type NeedsOf, type Vendor } from './adapter-options.js';
import { createDeliveryQueue, type AdapterStats } from './delivery-queue.js';
import { coreRow, defaultParams, shouldForward, type Params } from './mapping.js';

export type { AdapterOptions, AnalyticsAdapter, NeedsOf, Vendor } from './adapter-options.js';

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
  checkAdapterOptions(scope, rules, options, vendor.options);
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
  // The tool's name of each row (a plugin replaced by another brings its own), when it does not depend on the event.
  const names = new Map<EventRow, string>();
  let context: PluginContext | undefined;
  let findFailing = false;
  let check: ReturnType<typeof setTimeout> | undefined;

  const report = (error: unknown, type: string): void => (context ? context.report(error, type) : log('error', vendor.name, error));

  /** How tools see events of `type`: the core's row, or the one its plugin declared. */
  const rowOf = (type: string): EventRow | undefined => coreRow(type) ?? context?.describe(type);

  function nameOf(event: BridgeEvent, row: EventRow): string {
    let name = names.get(row);
    if (name !== undefined) return name;
    const standard = (vendor.eventName ?? String)(row.name);
    const custom = typeof rename === 'function' ? rename(event, standard) : rename?.[event.type];
    const problem = custom === undefined ? undefined : rules.eventNameProblem(custom);
    if (problem) fail(scope, problem);
    name = custom ?? standard;
    if (typeof rename !== 'function') names.set(row, name);
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

  return {
    name: options.id ?? vendor.name,
    stats,
    setup(given) {
      context = given;
      // A source starts following its consent tool now, so the first event finds its answer.
      if (isConsentSource(consent)) consent.state(given.window);
      if (given.debug && vendor.debugWarning) log('warn', `${vendor.name}: ${vendor.debugWarning}`);
      // A plugin's events listed in `events` or `name`: its plugin may come later in the same list, or from
      // a later use(), so they are checked once the page's own code has run.
      const listed = [...(options.events ?? []), ...(typeof rename === 'object' && rename ? Object.keys(rename) : [])];
      // Said once per type, on the console, for a listed plugin event this bridge cannot forward.
      if (listed.some((type) => !coreRow(type)))
        check = setTimeout(() =>
          given.guard(() => {
            for (const type of new Set(listed))
              if (!coreRow(type) && !given.describe(type)?.name)
                log('warn', `${scope}: "${type}" is not forwarded: add the plugin that emits it, with a \`name\` in its \`events\``);
          }, 'events'),
        );
    },
    // Torn down (destroy(), or replaced) before the check: nothing left to say.
    teardown() {
      clearTimeout(check);
      queue.clear();
    },
    send(event) {
      const row = rowOf(event.type);
      if (!row || !(forwarded ? forwarded.has(event.type) : row.on) || !shouldForward(row, event)) return;
      try {
        const given = isConsentSource(consent) ? consent.state(context!.window) === 'granted' : !consent || consent();
        // `consent: tcf` rather than `tcf()`: every event would be dropped without a word.
        if (isConsentSource(given)) fail(scope, `\`consent\` takes ${given.name}, not tcf`);
        if (given !== true) {
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
