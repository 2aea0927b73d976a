import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { CoreEvents } from '../core/events.js';
import { install, type Bridge, type CheckedOptions, type InstallOptions } from '../core/install.js';
import type { Adapter, AnyPlugin, Listener, OnOptions } from '../core/plugin.js';
import type { BridgeState } from '../core/state.js';
import { EMPTY_STATE, installOrSay, listen, type BridgeFor, type EventsFor, type EventTypeFor } from '../shared/binding.js';

export type { BridgeFor, EventsFor, EventTypeFor } from '../shared/binding.js';

const BridgeContext = createContext<Bridge | null>(null);

// A layout effect's state update renders and runs the children's effects in the same task, so no
// tag callback can come between install() and the hooks' subscriptions. The server runs neither.
const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

export interface IAdvizeProviderProps<
  P extends readonly AnyPlugin[] = readonly AnyPlugin[],
  A extends readonly Adapter[] = readonly Adapter[],
> {
  /** What `install()` takes, type-checked alike. Read once, when the provider mounts: later plugins go through `bridge.use()`. */
  options?: CheckedOptions<P, A> | undefined;
  children?: ReactNode | undefined;
}

/**
 * Installs the bridge in the browser, once the provider mounts (never on the server), and gives it
 * to the hooks below. The bridge is the page's: unmounting the provider ends its hooks'
 * subscriptions, not the bridge, and a remount (StrictMode, hot reloading) gets the same bridge.
 * @example
 * const options = { plugins: [iadvizeTag({ sid: 1234 }), ga4()] } as const
 * <IAdvizeProvider options={options}><App /></IAdvizeProvider>
 */
export function IAdvizeProvider<
  const P extends readonly AnyPlugin[] = readonly AnyPlugin[],
  const A extends readonly Adapter[] = readonly Adapter[],
>({ options = {}, children }: IAdvizeProviderProps<P, A>): ReactElement {
  const [bridge, setBridge] = useState<Bridge | null>(null);
  // Options from the first render only: an inline `ga4()` is a new plugin at every render.
  useClientLayoutEffect(() => setBridge(installOrSay('<IAdvizeProvider options>', () => install(options as InstallOptions))), []);
  return createElement(BridgeContext.Provider, { value: bridge }, children);
}

/**
 * The bridge, or null on the server and until the provider has installed it.
 * @example
 * const bridge = useIAdvize()
 * useEffect(() => bridge?.once('chat:started', openHelpPanel), [bridge])
 */
export function useIAdvize(): Bridge | null {
  return useContext(BridgeContext);
}

const whole = (state: BridgeState): BridgeState => state;

/**
 * `bridge.state` (or what `selector` picks from it), re-rendering when it changes: the empty state
 * on the server and during hydration, then the bridge's. A selector's result is kept until the state
 * changes, so a selector may build a new object without a re-render loop.
 * @example
 * const active = useIAdvizeState((state) => state.chat.active)
 */
export function useIAdvizeState(): BridgeState;
export function useIAdvizeState<T>(selector: (state: BridgeState) => T): T;
export function useIAdvizeState<T>(selector: (state: BridgeState) => T = whole as never): T {
  const bridge = useIAdvize();
  const subscribe = useCallback((onChange: () => void) => (bridge ? bridge.on('*', onChange) : () => {}), [bridge]);
  const [snapshot, serverSnapshot] = useMemo(() => {
    let last: BridgeState | undefined;
    let selected: T;
    const select = (state: BridgeState): T => (state === last ? selected : (selected = selector((last = state))));
    return [() => select(bridge ? bridge.state : EMPTY_STATE), () => select(EMPTY_STATE)];
  }, [bridge, selector]);
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}

/**
 * Calls `listener` for every event of `type` while the component is mounted. The latest listener
 * runs, so an inline function does not subscribe again at each render. `replay` also delivers the
 * last event of that type from before the subscription.
 * @example
 * useIAdvizeEvent('chat:started', (e) => setChatId(e.chatId), { replay: true })
 */
export function useIAdvizeEvent<K extends Extract<keyof CoreEvents, string> | '*'>(
  type: K,
  listener: Listener<CoreEvents, K>,
  options?: OnOptions,
): void {
  const bridge = useIAdvize();
  const latest = useRef(listener);
  useClientLayoutEffect(() => {
    latest.current = listener;
  });
  const replay = options?.replay;
  // The listener and options are checked as given; the latest listener is the one called.
  const given = typeof listener === 'function' ? (event: never) => latest.current(event) : listener;
  useEffect(() => (bridge ? listen(bridge, type, given, options) : undefined), [bridge, type, replay, typeof listener]);
}

/** The hooks, typed with the plugins of install options of type `O`. */
export interface IAdvizeHooks<O> {
  useIAdvize(): BridgeFor<O> | null;
  useIAdvizeState(): BridgeState;
  useIAdvizeState<T>(selector: (state: BridgeState) => T): T;
  useIAdvizeEvent<K extends EventTypeFor<O>>(type: K, listener: Listener<EventsFor<O>, K>, options?: OnOptions): void;
}

const HOOKS = { useIAdvize, useIAdvizeState, useIAdvizeEvent };

/**
 * The same hooks, typed with what the provider's plugins add (`bridge.sdk`, `consent:changed`, ...).
 * React context cannot carry the provider's types to the hooks; the options' type can.
 * @example
 * export const options = { plugins: [webSdk(), ga4()] } as const
 * export const { useIAdvize, useIAdvizeEvent, useIAdvizeState } = createIAdvizeHooks<typeof options>()
 */
export function createIAdvizeHooks<O extends InstallOptions = InstallOptions<[]>>(): IAdvizeHooks<O> {
  return HOOKS as unknown as IAdvizeHooks<O>;
}
