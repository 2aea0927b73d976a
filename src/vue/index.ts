import { computed, getCurrentInstance, inject, onMounted, onScopeDispose, shallowRef, type App, type InjectionKey, type Ref } from 'vue';
import type { CoreEvents } from '../core/events.js';
import { install, type Bridge, type CheckedOptions, type InstallOptions } from '../core/install.js';
import type { Adapter, AnyPlugin, Listener, OnOptions, Unsubscribe } from '../core/plugin.js';
import type { BridgeState } from '../core/state.js';
import { EMPTY_STATE, installOrSay, listen, type BridgeFor, type EventsFor, type EventTypeFor } from '../shared/binding.js';

export type { BridgeFor, EventsFor, EventTypeFor } from '../shared/binding.js';

const BRIDGE: InjectionKey<Bridge | null> = Symbol('iadvize-bridge');

/**
 * The Vue plugin: installs the bridge in the browser when the app uses it (on the server, nothing)
 * and gives it to the composables. The bridge is the page's: unmounting the app leaves it there.
 * @example
 * createApp(App).use(iadvize({ plugins: [iadvizeTag({ sid: 1234 }), ga4()] })).mount('#app')
 */
export function iadvize<
  const P extends readonly AnyPlugin[] = readonly AnyPlugin[],
  const A extends readonly Adapter[] = readonly Adapter[],
>(options: CheckedOptions<P, A> = {}): { install(app: App): void } {
  return {
    install(app) {
      app.provide(BRIDGE, typeof window === 'undefined' ? null : installOrSay('iadvize()', () => install(options as InstallOptions)));
    },
  };
}

/**
 * The bridge, or null on the server (and outside an app that uses the plugin).
 * @example
 * const bridge = useIAdvize()
 * onMounted(() => bridge?.once('chat:started', openHelpPanel))
 */
export function useIAdvize(): Bridge | null {
  return inject(BRIDGE, null);
}

/**
 * Starts following the bridge once the component is mounted (at once in a scope that is not a
 * component), so hydration sees what the server rendered; stops with the component or scope.
 */
function follow(start: (bridge: Bridge) => Unsubscribe): void {
  const bridge = useIAdvize();
  let stop: Unsubscribe | undefined;
  const begin = (): void => {
    if (bridge) stop = start(bridge);
  };
  if (getCurrentInstance()) onMounted(begin);
  else begin();
  onScopeDispose(() => stop?.());
}

/**
 * `bridge.state` (or what `selector` picks from it) as a read-only ref: the empty state on the server
 * and until the component is mounted, then the bridge's. It changes only when the state does.
 * @example
 * const active = useIAdvizeState((state) => state.chat.active)
 */
export function useIAdvizeState(): Readonly<Ref<BridgeState>>;
export function useIAdvizeState<T>(selector: (state: BridgeState) => T): Readonly<Ref<T>>;
export function useIAdvizeState<T>(selector?: (state: BridgeState) => T): Readonly<Ref<T | BridgeState>> {
  // bridge.state is the same object until it changes: a shallow ref that skips equal values re-renders only then.
  const state = shallowRef(EMPTY_STATE);
  follow((bridge) => {
    const read = (): void => {
      state.value = bridge.state;
    };
    read();
    return bridge.on('*', read);
  });
  return computed(() => (selector ? selector(state.value) : state.value));
}

/**
 * Calls `listener` for every event of `type` from the component's mount to its unmount (`replay`:
 * also the last event of that type from before).
 * @example
 * useIAdvizeEvent('chat:started', (e) => console.log(e.chatId))
 */
export function useIAdvizeEvent<K extends Extract<keyof CoreEvents, string> | '*'>(
  type: K,
  listener: Listener<CoreEvents, K>,
  options?: OnOptions,
): void {
  follow((bridge) => listen(bridge, type, listener, options));
}

/** The composables, typed with the plugins of install options of type `O`. */
export interface IAdvizeComposables<O> {
  useIAdvize(): BridgeFor<O> | null;
  useIAdvizeState(): Readonly<Ref<BridgeState>>;
  useIAdvizeState<T>(selector: (state: BridgeState) => T): Readonly<Ref<T>>;
  useIAdvizeEvent<K extends EventTypeFor<O>>(type: K, listener: Listener<EventsFor<O>, K>, options?: OnOptions): void;
}

const COMPOSABLES = { useIAdvize, useIAdvizeState, useIAdvizeEvent };

/**
 * The same composables, typed with what the plugin's options add (`bridge.sdk`, `consent:changed`, ...).
 * @example
 * export const options = { plugins: [webSdk(), ga4()] } as const
 * export const { useIAdvize, useIAdvizeEvent, useIAdvizeState } = createIAdvizeComposables<typeof options>()
 */
export function createIAdvizeComposables<O extends InstallOptions = InstallOptions<[]>>(): IAdvizeComposables<O> {
  return COMPOSABLES as unknown as IAdvizeComposables<O>;
}
