import type { BridgeEvent, EventType } from './events.js';
import type { Guard } from './guard.js';

export type Unsubscribe = () => void;
/** `'*'` receives every event. */
export type ListenedType = EventType | '*';
export type Listener<K extends ListenedType> = (event: K extends EventType ? BridgeEvent<K> : BridgeEvent) => void;
export interface OnOptions {
  /** Also receive, at once, the last event of this type that happened before subscribing. */
  replay?: boolean;
}

type AnyListener = (event: BridgeEvent) => void;

/**
 * A typed emitter in the spirit of mitt, with isolation: every listener runs through the guard,
 * so one that throws neither stops its neighbours nor reaches the tag. Listener lists are copied
 * when they change, never per event: a listener that unsubscribes during dispatch does not make
 * its neighbour miss the event, and dispatch allocates nothing.
 */
export function createEmitter(guard: Guard, isKnownType: (type: string) => boolean) {
  const listeners = new Map<ListenedType, readonly AnyListener[]>();
  const last = new Map<ListenedType, BridgeEvent>();
  let cleared = false;

  const call = (listener: AnyListener, event: BridgeEvent): void =>
    guard(() => listener(event), listener, { source: 'listener', type: event.type });

  function off<K extends ListenedType>(type: K, listener: Listener<K>): void {
    const list = listeners.get(type);
    const index = list ? list.indexOf(listener as AnyListener) : -1;
    if (list && index >= 0) listeners.set(type, list.filter((_, i) => i !== index));
  }

  function on<K extends ListenedType>(type: K, listener: Listener<K>, options?: OnOptions): Unsubscribe {
    if (type !== '*' && !isKnownType(type)) throw new TypeError(`iadvize-bridge: unknown event type "${String(type)}"`);
    if (typeof listener !== 'function') throw new TypeError(`iadvize-bridge: the listener for "${type}" is not a function`);
    listeners.set(type, [...(listeners.get(type) ?? []), listener as AnyListener]);
    const previous = options?.replay ? last.get(type) : undefined;
    if (previous) call(listener as AnyListener, previous);
    return () => off(type, listener);
  }

  function once<K extends ListenedType>(type: K, listener: Listener<K>, options?: OnOptions): Unsubscribe {
    let done = false;
    const wrapper = ((event: BridgeEvent) => {
      if (done) return;
      done = true;
      unsubscribe();
      (listener as AnyListener)(event);
    }) as Listener<K>;
    // With replay, the wrapper may already have run inside on(); unsubscribe must exist first.
    let unsubscribe: Unsubscribe = () => {};
    unsubscribe = on(type, wrapper, options);
    if (done) unsubscribe();
    return unsubscribe;
  }

  function deliver(list: readonly AnyListener[] | undefined, event: BridgeEvent): void {
    // destroy() inside a listener stops the delivery of this event to the rest.
    for (let i = 0; list && i < list.length && !cleared; i++) call(list[i]!, event);
  }

  function emit(event: BridgeEvent): void {
    last.set(event.type, event);
    last.set('*', event);
    deliver(listeners.get(event.type), event);
    deliver(listeners.get('*'), event);
  }

  function clear(): void {
    cleared = true;
    listeners.clear();
    last.clear();
  }

  return { on, once, off, emit, clear };
}
