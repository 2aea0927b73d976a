import type { CoreEvents } from '../core/events.js';
import type { InstalledBridge } from '../core/install.js';
import type { AnyPlugin, EventsOfAll } from '../core/plugin.js';
import type { BridgeState } from '../core/state.js';

/**
 * What the React and Vue bindings share: the state a page renders before the bridge is there (the
 * server, hydration), and the types that follow the plugins of the install options to the hooks.
 */

const freeze = Object.freeze;
/** A fresh bridge's `state` (the tests keep the two equal), frozen like every state. */
export const EMPTY_STATE: BridgeState = freeze({
  chat: freeze({ active: false, messagesSent: 0, messagesReceived: 0 }),
  call: freeze({ active: false }),
  availability: freeze({ chat: freeze({}), call: freeze({}) }),
  cobrowsing: false,
});

/** The plugins listed in install options of type `O` (a tuple with `as const`). */
type PluginsOf<O> = O extends { readonly plugins?: infer P } ? (NonNullable<P> extends readonly AnyPlugin[] ? NonNullable<P> : []) : [];
/** The bridge that install options of type `O` make. */
export type BridgeFor<O> = InstalledBridge<PluginsOf<O>>;
/** The events of that bridge: the core's and its plugins'. */
export type EventsFor<O> = CoreEvents & EventsOfAll<PluginsOf<O>>;
/** An event type of that bridge, or `'*'` for every event. */
export type EventTypeFor<O> = (keyof EventsFor<O> & string) | '*';
