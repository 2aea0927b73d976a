import { CORE_EVENT_TYPES, type CoreEvents, type EventOf } from './core/events.js';
import type { VirtualAgentEvents } from './plugins/virtual-agent/virtual-agent.js';
import type { WebSdkEvents } from './plugins/web-sdk/web-sdk.js';

export { CALLBACKS, type CallbackName, type ChatParty, type CoreEvents, type NoPayload } from './core/events.js';

/**
 * Every event the library ships: the core's (one per callback) and its plugins' (`consent:changed`
 * from `webSdk()`, `va:handoff` from `virtualAgent()`). The adapters' mapping has a row for each.
 */
export interface EventMap extends CoreEvents, WebSdkEvents, VirtualAgentEvents {}

export type EventType = keyof EventMap;

/**
 * A normalised event: `type`, `at` (ms since epoch), `raw` (the callback's argument as the tag
 * passed it) and the payload of its type. `BridgeEvent` alone is the union of all events.
 */
export type BridgeEvent<K extends EventType = EventType> = EventOf<EventMap, K>;

/** The events that do not come from a callback: the plugins'. */
export const OTHER_EVENTS = ['consent:changed', 'va:handoff'] as const satisfies readonly EventType[];

/** Every event type: the callback table's, then the plugins' (the type tests check that this is all of them). */
export const EVENT_TYPES: readonly EventType[] = /* @__PURE__ */ [...CORE_EVENT_TYPES, ...OTHER_EVENTS];
