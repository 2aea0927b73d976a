import type { BridgeEvent, CoreEvents, EventOf } from './events.js';
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
  guard(this: void, code: () => void, type: string): void;
  /** Reports a failure as this plugin's, like any other error (`onError`). */
  report(error: unknown, type: string): void;
  /** How the installed plugin that emits `type` describes it to analytics tools, if it does. */
  describe(type: string): EventRow | undefined;
}

/** Parameters for analytics tools; an undefined value (a field the tag did not send) is left out. */
export type RawParams = Record<string, string | number | boolean | undefined>;

/**
 * How analytics tools see events of one type: the GA4-style name (other tools' names derive from it)
 * and what may leave the page by default. Nothing a visitor typed, no identifier, no query string.
 */
export interface EventRow<E = BridgeEvent> {
  /** The GA4-style name, e.g. `chat_started`. */
  name: string;
  /** Forwarded by an adapter given no `events` option. */
  on?: true | undefined;
  /** The parameters sent by default. */
  params?: ((event: E) => RawParams) | undefined;
  /** Chat and conversation ids, sent only with `includeIds: true`. */
  ids?: ((event: E) => RawParams) | undefined;
  /** False for an event the tools must not count again (a chat resumed after a page change). */
  forward?: ((event: E) => boolean) | undefined;
}

/** A plugin's events as analytics tools see them: one row per event type of map `Events`. */
export type EventRows<Events> = { readonly [K in keyof Events & string]: EventRow<EventOf<Events, K>> };

declare const NEEDS: unique symbol;

/**
 * A feature around the core, in the spirit of Segment's plugins: a plain object with a `name`, an
 * optional `setup` that may return API to add to the bridge (`{ sdk }` becomes `bridge.sdk`, typed),
 * an optional `send` that receives every event (analytics adapters), and an optional `teardown`.
 * `Api` and `Events` type what it adds; `events` declares its event types at run time, with how
 * analytics tools see them. `Needs` names the events of other plugins it expects (an adapter's `events`).
 * @example
 * const logger: Plugin = { name: 'logger', send: (event) => console.log(event.type) }
 * install({ plugins: [logger] })
 */
export interface Plugin<Api extends object = object, Events extends object = object, Needs extends string = string> {
  /** Identifies the plugin on a bridge, which keeps one plugin per name. */
  readonly name: string;
  /** The event types the plugin emits, each with how analytics tools see it, so listeners and adapters may use them. */
  readonly events?: EventRows<Events>;
  /**
   * The event types the plugin emits, without analytics rows.
   * @deprecated Declare `events` instead, which analytics adapters can forward.
   */
  readonly emits?: readonly (keyof Events & string)[];
  /**
   * Type only, never set: the event types of other plugins this one expects on the bridge. Keyed by a
   * symbol that exists only in the types, so a plugin's own `needs` field keeps compiling.
   */
  readonly [NEEDS]?: Needs;
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
export interface Adapter<Needs extends string = string> extends Plugin<object, object, Needs> {
  send(event: BridgeEvent): void;
}

/** Any plugin, whatever it adds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPlugin = Plugin<any, any, string>;
// A plugin typed only as `AnyPlugin` (a list built at run time) adds nothing the types can know.
type IsAny<T> = 0 extends 1 & T ? true : false;
type Known<T, Otherwise> = IsAny<T> extends true ? Otherwise : T;
// A setup that only throws (returns `never`) or returns nothing adds no API.
type ApiIn<P> =
  P extends Plugin<infer Api, infer _Events> ? ([Api] extends [never] ? unknown : object extends Api ? unknown : Api) : unknown;
type EventsIn<P> = P extends Plugin<infer _Api, infer Events> ? Events : object;
// Needs typed only as `string` (a list built at run time) say nothing the types can check.
type NeedsIn<P> = P extends Plugin<infer _Api, infer _Events, infer Needs> ? (string extends Needs ? never : Needs) : never;
/** The API a plugin adds to the bridge. */
export type ApiOf<P> = Known<ApiIn<P>, unknown>;
/** The events a plugin adds to the bridge. */
export type EventsOf<P> = Known<EventsIn<P>, object>;

/** What a list of plugins adds: their APIs, and their events merged (a list typed only as `AnyPlugin[]` adds nothing known). */
export type ApisOf<P extends readonly AnyPlugin[]> = P extends readonly [infer First, ...infer Rest extends readonly AnyPlugin[]]
  ? ApiOf<First> & ApisOf<Rest>
  : unknown;
export type EventsOfAll<P extends readonly AnyPlugin[]> = P extends readonly [infer First, ...infer Rest extends readonly AnyPlugin[]]
  ? EventsOf<First> & EventsOfAll<Rest>
  : object;

/** The event types the plugins of `P` expect (an adapter's `events`) that neither the core nor `P` emits. */
export type MissingEvents<P extends readonly AnyPlugin[], Has = object> = Exclude<
  NeedsIn<P[number]>,
  keyof (CoreEvents & Has & EventsOfAll<P>)
>;
/** Fails the type check of a plugin list that misses the plugin an adapter's `events` needs, naming the events. */
export type RequirePluginsFor<Missing> = [Missing] extends [never] ? unknown : { readonly 'add the plugin that emits': Missing };
