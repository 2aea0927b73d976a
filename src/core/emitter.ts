import { checkKnownOptions } from '../shared/known-options.js';
import { fail } from './errors.js';
import type { Guard } from './guard.js';
import type { OnOptions, Unsubscribe } from './plugin.js';

/** The emitter's view of an event: its type, frozen on its way to code the library does not own. */
interface AnyEvent {
  readonly type: string;
}
type AnyListener = (event: AnyEvent) => void;

/** One event type's listeners and last event. The dispatch route of a callback holds its slot. */
export interface Slot {
  list: readonly AnyListener[];
  last?: AnyEvent;
}

/**
 * A typed emitter in the spirit of mitt, with isolation: every listener runs through the guard,
 * so one that throws neither stops its neighbours nor reaches the tag. Listener lists are copied
 * when they change, never per event: a listener that unsubscribes during dispatch does not make
 * its neighbour miss the event, and dispatch allocates nothing.
 */
export function createEmitter(guard: Guard) {
  const slots = new Map<string, Slot>();
  const all: Slot = { list: [] };
  let cleared = false;

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

  function deliver(list: readonly AnyListener[], event: AnyEvent): void {
    // destroy() inside a listener stops the delivery of this event to the rest.
    for (let i = 0; i < list.length && !cleared; i++) guard(list[i], undefined, event, 'listener', event.type);
  }

  return {
    on,
    off,
    slotOf,
    emit(event: AnyEvent, slot: Slot): void {
      slot.last = all.last = event;
      deliver(slot.list, event);
      deliver(all.list, event);
    },
    clear(): void {
      cleared = true;
      slots.clear();
      all.list = [];
      all.last = undefined;
    },
  };
}
