import { CORE_EVENT_TYPES, type CoreEvents } from '../core/events.js';
import { log } from '../core/guard.js';
import type { Bridge, InstalledBridge } from '../core/bridge.js';
import type { AnyPlugin, EventsOfAll, OnOptions, Unsubscribe } from '../core/plugin.js';
import { nearestName } from './known-options.js';
import { pluginFor } from './plugin-hints.js';
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

const said = new Set<string>();
const noop = (): void => {};
const what = (error: unknown): string => String((error as Error)?.message).replace('iadvize-bridge on(): ', '');

/** Says `message` once per page, as an error (a mistake in the hook's arguments) or a warning. */
function sayOnce(level: 'warn' | 'error', message: string): Unsubscribe {
  if (!said.has(message)) log(level, message);
  said.add(message);
  return noop;
}

/** Whether `bridge` knows events of `type` now (its plugin installed). */
function knows(bridge: Bridge, type: string): boolean {
  try {
    bridge.on(type as never, noop)();
    return true;
  } catch {
    return false;
  }
}

/**
 * `bridge.on` for a hook or composable, which must not break the app, as a throw in a React effect
 * would (React unmounts the whole tree): a mistake in its arguments is said once on the console and
 * the component hears nothing. An event of a plugin not installed yet (`bridge.use()` later, in a
 * parent's effect) is heard once the plugin is there; if it still is not after the mount, the console
 * names the plugin to add.
 */
export function listen(bridge: Bridge, type: unknown, listener: (event: never) => void, options?: OnOptions): Unsubscribe {
  const scope = `useIAdvizeEvent(${typeof type === 'string' ? `'${type}'` : String(type)})`;
  if (typeof type !== 'string') return sayOnce('error', `${scope}: the event type must be a string such as 'chat:started'`);
  try {
    return bridge.on(type as never, listener, options);
  } catch (error) {
    // A known type: the listener or the options are wrong. Else they are checked against '*'.
    if (knows(bridge, type)) return sayOnce('error', `${scope}: ${what(error)}`);
    try {
      // A noop replays nothing to the listener: the last event of any type is not this one.
      bridge.on('*', listener as never)();
      bridge.on('*', noop, options)();
    } catch (mistake) {
      return sayOnce('error', `${scope}: ${what(mistake).replace('"*"', `"${type}"`)}`);
    }
  }
  const stop = bridge.on('*', (event: { type: string }) => event.type === type && listener(event as never));
  const timer = setTimeout(() => {
    if (knows(bridge, type)) return;
    const plugin = pluginFor(type);
    const near = nearestName(type, CORE_EVENT_TYPES);
    sayOnce(
      'warn',
      `${scope}: ${plugin ? `${type} comes from ${plugin}: add it to plugins` : `unknown event type${near ? `: did you mean '${near}'?` : ''}`}`,
    );
  });
  return () => (clearTimeout(timer), stop());
}

/**
 * install() for a provider: a mistake in its options is said once on the console, naming it, and the
 * app renders without the bridge (its hooks inert). A live shop must not go blank, nor lose its
 * checkout, over a chat-analytics option; the console says what to fix.
 */
export function installOrSay(where: string, install: () => Bridge): Bridge | null {
  try {
    return install();
  } catch (error) {
    sayOnce('error', `${where}: ${String((error as Error)?.message).replace('iadvize-bridge ', '')}; the app runs without the bridge`);
    return null;
  }
}
