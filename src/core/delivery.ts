import { checkKnownOptions } from '../shared/known-options.js';
import { fail } from './errors.js';
import type { Guard } from './guard.js';
import type { OnOptions, Unsubscribe } from './plugin.js';

/** Delivery's view of an event: its type, frozen on its way to code the library does not own. */
interface AnyEvent {
  readonly type: string;
}
type AnyListener = (event: AnyEvent) => void;

/** One event type's listeners and last event. The dispatch route of a callback holds its slot. */
export interface Slot {
  list: readonly AnyListener[];
  last?: AnyEvent;
}

/** A plugin that receives every event (an analytics adapter), with its fields read once when it was added. */
export interface Sender {
  plugin: object;
  name: string;
  send: (this: object, event: never) => unknown;
}

/**
 * Event delivery, whatever the event's source (a tag callback, a plugin): frozen, then to the
 * listeners of its type and of `'*'`, then to every plugin that sends, each through the guard, so one
 * that throws stops neither its neighbours nor the tag. Events raised during a delivery wait their turn.
 * Listener lists are copied when they change, never per event (as mitt's are not): a listener that
 * unsubscribes during dispatch does not make its neighbour miss the event, and dispatch allocates nothing.
 */
export function createDelivery(guard: Guard, destroyed: () => boolean) {
  const slots = new Map<string, Slot>();
  const all: Slot = { list: [] };
  let senders: readonly Sender[] = [];

  /** The slot of `type`, made on first use; undefined for a type nobody may listen to. */
  const slotOf = (type: string, known = true): Slot | undefined => {
    let slot = type === '*' ? all : slots.get(type);
    if (!slot && known) slots.set(type, (slot = { list: [] }));
    return slot;
  };

  function off(type: string, listener: AnyListener): void {
    const slot = slotOf(type, false);
    const index = slot ? slot.list.indexOf(listener) : -1;
    if (slot && index >= 0) slot.list = slot.list.filter((_, i) => i !== index);
  }

  function on(type: string, listener: AnyListener, options: OnOptions | undefined, isKnown: boolean): Unsubscribe {
    if (!isKnown) fail('on()', `unknown event type "${String(type)}" (an event of a plugin needs that plugin installed first)`);
    if (typeof listener !== 'function') fail('on()', `the listener for "${type}" is not a function`);
    if (options !== undefined) {
      checkKnownOptions('on()', options, ['replay']);
      if (options.replay !== undefined && typeof options.replay !== 'boolean') fail('on()', '`replay` must be true or false');
    }
    const slot = slotOf(type)!;
    slot.list = [...slot.list, listener];
    // A replayed event reaches code that was not there when it happened: it may not have been frozen then.
    if (options?.replay && slot.last) guard(listener, undefined, Object.freeze(slot.last), 'listener', slot.last.type);
    return () => off(type, listener);
  }

  function toListeners(list: readonly AnyListener[], event: AnyEvent): void {
    // destroy() inside a listener stops the delivery of this event to the rest.
    for (let i = 0; i < list.length && !destroyed(); i++) guard(list[i], undefined, event, 'listener', event.type);
  }

  function deliverNow(event: AnyEvent, slot: Slot): void {
    Object.freeze(event);
    slot.last = all.last = event;
    toListeners(slot.list, event);
    toListeners(all.list, event);
    const list = senders;
    for (let i = 0; i < list.length && !destroyed(); i++) {
      const sender = list[i];
      guard(sender.send, sender.plugin, event as never, 'plugin', event.type, sender.name);
    }
  }

  // Events raised while one is being delivered (a listener makes the tag act, a plugin emits) wait
  // their turn: every listener and every tool hears them in the order they happened.
  const waiting: Array<[AnyEvent, Slot]> = [];
  let delivering = false;

  /** Delivers one event now, or after the one being delivered. */
  function deliver(event: AnyEvent, slot: Slot): void {
    if (delivering) return void waiting.push([event, slot]);
    delivering = true;
    try {
      deliverNow(event, slot);
      for (let next = waiting.shift(); next && !destroyed(); next = waiting.shift()) deliverNow(...next);
    } finally {
      delivering = false;
      waiting.length = 0;
    }
  }

  return {
    on,
    off,
    slotOf,
    deliver,
    /** The plugins that receive every event, in the order they were added. */
    setSenders(list: readonly Sender[]): void {
      senders = list;
    },
    clear(): void {
      slots.clear();
      all.list = [];
      all.last = undefined;
      senders = [];
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;
