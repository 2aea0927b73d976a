import { CORE_EVENT_TYPES, type CoreEvents } from '../core/events.js';
import { log } from '../core/guard.js';
import type { Bridge, InstalledBridge } from '../core/install.js';
import type { AnyPlugin, EventsOfAll, OnOptions, Unsubscribe } from '../core/plugin.js';
import { nearestName } from './known-options.js';
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

// Where the plugins' events come from, for the warning that names the plugin to add.
const PLUGIN_EVENTS = [['tag:', 'iadvizeTag()'], ['consent:', 'webSdk()'], ['va:', 'virtualAgent()']];
const warned = new Set<string>();

/**
 * `bridge.on` for a hook or composable. An event type no installed plugin emits (its plugin left out
 * of the options, a typo) must not break the app, as a throw in a React effect would (React unmounts
 * the whole tree): the component hears nothing, and the console says why, once per type.
 */
export function listen(bridge: Bridge, type: string, listener: (event: never) => void, options?: OnOptions): Unsubscribe {
  try {
    return bridge.on(type as never, listener, options);
  } catch {
    const plugin = PLUGIN_EVENTS.find(([prefix]) => type.startsWith(prefix!));
    const near = nearestName(type, CORE_EVENT_TYPES);
    const why = plugin ? `${type} comes from ${plugin[1]}: add it to plugins` : `unknown event type${near ? `: did you mean '${near}'?` : ''}`;
    if (!warned.has(type)) log('warn', `useIAdvizeEvent('${type}'): ${why}`);
    warned.add(type);
    return () => {};
  }
}
