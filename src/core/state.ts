import type { ChatStore } from './chat-session.js';
import type { CoreEvents, EventOf } from './events.js';

export interface ChatState {
  readonly active: boolean;
  readonly chatId?: string;
  readonly conversationId?: string;
  /** The visitor's unique id (`vuid`) as the tag gave it at chat start; it never leaves the page. */
  readonly visitorId?: string;
  /** Only from 2017-era tags. */
  readonly startedBy?: CoreEvents['chat:started']['startedBy'];
  readonly startedAt?: number;
  readonly messagesSent: number;
  readonly messagesReceived: number;
  /** From the chat's first visitor message to the first operator message after it. */
  readonly firstResponseMs?: number;
}

/** A read-only snapshot of what the tag has told so far. */
export interface BridgeState {
  readonly chat: ChatState;
  readonly call: { readonly active: boolean; readonly startedAt?: number };
  /** Each flag is undefined until the tag first reports it. */
  readonly availability: {
    readonly chat: { readonly offline?: boolean; readonly busy?: boolean };
    readonly call: { readonly offline?: boolean };
  };
  readonly cobrowsing: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
type Event<K extends keyof CoreEvents> = Mutable<EventOf<CoreEvents, K>>;
/** Applies one event type to the state; may measure what the tag does not send, on the event. */
export type StateHandler = (event: Record<string, unknown>) => void;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') Object.values(Object.freeze(value)).forEach(deepFreeze);
  return value;
}

const newChat = (): Mutable<ChatState> => ({ active: false, messagesSent: 0, messagesReceived: 0 });

/**
 * Follows the events into `BridgeState`, and measures what the tag does not send (`durationMs` of
 * `chat:ended` and `call:ended`, `resumed` of `chat:started`) on the event before it is emitted.
 * The chat record starts from, and is kept in, `store`, so it outlives a page change.
 */
export function createState(initialStore: ChatStore) {
  let store = initialStore;
  const stored = store.read();
  const state: Mutable<BridgeState> = {
    chat: stored ? { ...stored.chat } : newChat(),
    call: { active: false },
    availability: { chat: {}, call: {} },
    cobrowsing: false,
  };
  // Messages can reach the tag before onChatStarted: they belong to the chat that follows.
  let chatClosed = !state.chat.active;
  let firstVisitorMessageAt = stored?.firstVisitorMessageAt;
  let snapshot: BridgeState | undefined;

  /** The chat an event belongs to: a fresh record once the previous chat has ended. */
  function chat(): Mutable<ChatState> {
    if (chatClosed) {
      chatClosed = false;
      firstVisitorMessageAt = undefined;
      state.chat = newChat();
    }
    return state.chat;
  }
  const saveChat = (): void => store.write({ chat: state.chat, firstVisitorMessageAt });

  const availability = (channel: 'chat' | 'call') => (event: { offline?: boolean; busy?: boolean }) => {
    // Only what the tag actually reported: an unreadable flag leaves the known value.
    const known: Record<string, boolean | undefined> = state.availability[channel];
    if (typeof event.offline === 'boolean') known.offline = event.offline;
    if (typeof event.busy === 'boolean') known.busy = event.busy;
  };
  const cobrowsing = (on: boolean) => () => {
    state.cobrowsing = on;
  };

  const handlers: { [K in keyof CoreEvents]?: (event: Event<K>) => void } = {
    'chat:started'(event) {
      const current = state.chat;
      event.resumed = current.active && event.chatId !== undefined && event.chatId === current.chatId;
      if (event.resumed) {
        current.conversationId ??= event.conversationId;
        current.visitorId ??= event.visitorId;
      } else {
        // A start without the end of the previous chat (a missed onChatEnded) still begins a new record.
        if (current.active) chatClosed = true;
        const record = chat();
        record.active = true;
        record.chatId = event.chatId;
        record.conversationId = event.conversationId;
        record.visitorId = event.visitorId;
        record.startedBy = event.startedBy;
        record.startedAt = event.at;
      }
      saveChat();
    },
    'chat:ended'(event) {
      if (state.chat.active && (event.chatId === undefined || event.chatId === state.chat.chatId)) {
        event.durationMs = event.at - state.chat.startedAt!;
      }
      state.chat.active = false;
      chatClosed = true;
      saveChat();
    },
    'message:sent'(event) {
      chat().messagesSent++;
      firstVisitorMessageAt ??= event.at;
      saveChat();
    },
    'message:received'(event) {
      const current = chat();
      current.messagesReceived++;
      if (current.firstResponseMs === undefined && firstVisitorMessageAt !== undefined) {
        current.firstResponseMs = event.at - firstVisitorMessageAt;
      }
      saveChat();
    },
    'call:started'(event) {
      state.call = { active: true, startedAt: event.at };
    },
    'call:ended'(event) {
      if (state.call.active) event.durationMs = event.at - state.call.startedAt!;
      state.call = { active: false };
    },
    'chat:availability': availability('chat'),
    'call:availability': availability('call'),
    'cobrowsing:accepted': cobrowsing(true),
    'cobrowsing:refused': cobrowsing(false),
    'cobrowsing:stopped': cobrowsing(false),
  };

  return {
    /** Keeps the chat record elsewhere from now on; the one it leaves forgets it. */
    useStore(next: ChatStore): void {
      store.clear();
      store = next;
      saveChat();
    },
    /** What an event of `type` does to the state, looked up once per type; undefined when it does nothing. */
    handlerFor(type: string): StateHandler | undefined {
      const handler = (handlers as Record<string, StateHandler | undefined>)[type];
      return (
        handler &&
        ((event) => {
          snapshot = undefined;
          handler(event);
        })
      );
    },
    /** The same frozen object until the next change, so snapshots can be compared with `===`. */
    get current(): BridgeState {
      return (snapshot ??= deepFreeze(JSON.parse(JSON.stringify(state)) as BridgeState));
    },
  };
}
