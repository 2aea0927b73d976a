import { CORE_EVENT_TYPES, type BridgeEvent, type EventType, type KnownEvents } from './core/events.js';
import type { EventRow } from './core/plugin.js';
import { CORE_ROWS } from './adapters/mapping.js';
import { VIRTUAL_AGENT_EVENTS } from './plugins/virtual-agent/events.js';
import { WEB_SDK_EVENTS } from './plugins/web-sdk/events.js';

/*
 * Names kept for code written against 0.1.0, whose event map merged the shipped plugins' events into
 * one list. Plugins now declare their own events (`Plugin['events']`); nothing in the library uses these.
 */

/** @deprecated Use `KnownEvents` (the core's events and those of every plugin in the program) or `CoreEvents`. */
export type EventMap = KnownEvents;

/** @deprecated Each plugin declares its events (`plugin.events`); `bridge.on` knows those of the plugins installed. */
export const OTHER_EVENTS = ['consent:changed', 'va:handoff'] as const satisfies readonly EventType[];

/** @deprecated Use `CORE_EVENT_TYPES`; a plugin's event types are the keys of its `events`. */
export const EVENT_TYPES = /* @__PURE__ */ [...CORE_EVENT_TYPES, ...OTHER_EVENTS];

/** @deprecated Use `CORE_ROWS` for the core's events; a plugin's rows are its `events` (`webSdk().events`). */
export const MAPPING: { readonly [K in (typeof EVENT_TYPES)[number]]: EventRow<BridgeEvent<K>> } = /* @__PURE__ */ Object.assign(
  {},
  CORE_ROWS,
  WEB_SDK_EVENTS,
  VIRTUAL_AGENT_EVENTS,
);
