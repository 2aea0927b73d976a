import type { BridgeEvent } from '../events.js';
import type { CoreEvents, EventOf } from './events.js';
import type { BridgeState } from './state.js';

/** Stops what `on()` started. */
export type Unsubscribe = () => void;

/** `'*'` receives every event. */
export type Listener<M, K extends keyof M | '*'> = (event: K extends keyof M ? EventOf<M, K> : EventOf<M>) => void;

export interface OnOptions {
  /** Also receive, at once, the last event of this type that happened before subscribing. */
  replay?: boolean | undefined;
}

/** Subscribes to the events of map `M`, typed by event name. */
export interface Subscribe<M> {
  <K extends (keyof M & string) | '*'>(type: K, listener: Listener<M, K>, options?: OnOptions): Unsubscribe;
}

/** What the bridge gives a plugin when it is added. */
export interface PluginContext<Events extends object = object> {
  /** The window the bridge is installed on. */
  readonly window: Window;
  /** Whether the bridge logs for debugging, so a plugin can add its own lines. */
  readonly debug: boolean;
  /** `bridge.state` now. */
  readonly state: BridgeState;
  /** Listens to the core's events and the plugin's own; ends when the plugin is torn down. */
  on: Subscribe<CoreEvents & Events>;
  /** Emits one of the plugin's own events, to the listeners and the other plugins, as the tag's events go. */
  emit<K extends keyof Events & string>(type: K, payload: Events[K], raw?: unknown): void;
  /** Runs code the library does not own (a tool, the tag, a timer's work): what it throws is reported, never rethrown. */
  guard(code: () => void, type: string): void;
  /** Reports a failure as this plugin's, like any other error (`onError`). */
  report(error: unknown, type: string): void;
}

/**
 * A feature around the core, in the spirit of Segment's plugins: a plain object with a `name`, an
 * optional `setup` that may return API to add to the bridge (`{ sdk }` becomes `bridge.sdk`, typed),
 * an optional `send` that receives every event (analytics adapters), and an optional `teardown`.
 * `Api` and `Events` type what it adds; `emits` lists its event types at run time.
 * @example
 * const logger: Plugin = { name: 'logger', send: (event) => console.log(event.type) }
 * install({ plugins: [logger] })
 */
export interface Plugin<Api extends object = object, Events extends object = object> {
  /** Identifies the plugin on a bridge, which keeps one plugin per name. */
  readonly name: string;
  /** The event types the plugin emits, so listeners may subscribe to them. */
  readonly emits?: readonly (keyof Events & string)[];
  /** Called once when the plugin is added; what it returns joins the bridge. */
  setup?(context: PluginContext<Events>): Api | void;
  /** Receives every event (the core's and every plugin's), after the listeners. */
  send?(event: BridgeEvent): void;
  /** Called when the bridge is destroyed or a plugin of the same name replaces this one. */
  teardown?(): void;
  /**
   * Never set: a plugin is an object, and a function has `call`, so a factory passed without calling
   * it (`plugins: [ga4]`, whose own `name` would pass for a plugin's) is a type error.
   */
  readonly call?: 'a plugin factory must be called: write factory() not factory';
}

/** A plugin that forwards events somewhere (an analytics tool): `send` receives every event. */
export interface Adapter extends Plugin {
  send(event: BridgeEvent): void;
}

/** Any plugin, whatever it adds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPlugin = Plugin<any, any>;
// A plugin typed only as `AnyPlugin` (a list built at run time) adds nothing the types can know.
type IsAny<T> = 0 extends 1 & T ? true : false;
type Known<T, Otherwise> = IsAny<T> extends true ? Otherwise : T;
// A setup that only throws (returns `never`) or returns nothing adds no API.
type ApiIn<P> = P extends Plugin<infer Api, infer _Events> ? ([Api] extends [never] ? unknown : object extends Api ? unknown : Api) : unknown;
type EventsIn<P> = P extends Plugin<infer _Api, infer Events> ? Events : object;
/** The API a plugin adds to the bridge. */
export type ApiOf<P> = Known<ApiIn<P>, unknown>;
/** The events a plugin adds to the bridge. */
export type EventsOf<P> = Known<EventsIn<P>, object>;

/** What a list of plugins adds: their APIs, and their events merged (a list typed only as `AnyPlugin[]` adds nothing known). */
export type ApisOf<P extends readonly AnyPlugin[]> = P extends readonly [infer First, ...infer Rest extends readonly AnyPlugin[]] ? ApiOf<First> & ApisOf<Rest> : unknown;
export type EventsOfAll<P extends readonly AnyPlugin[]> = P extends readonly [infer First, ...infer Rest extends readonly AnyPlugin[]] ? EventsOf<First> & EventsOfAll<Rest> : object;
