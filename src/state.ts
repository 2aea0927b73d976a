import type { ChatStore } from './chat-session.js';
import type { BridgeEvent, EventMap } from './events.js';
import type { VirtualAgentState } from './virtual-agent.js';

export interface ChatState {
  readonly active: boolean;
  readonly chatId?: string;
  readonly conversationId?: string;
  /** The visitor's unique id (`vuid`) as the tag gave it at chat start; it never leaves the page. */
  readonly visitorId?: string;
  /** Only from 2017-era tags. */
  readonly startedBy?: EventMap['chat:started']['startedBy'];
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
  /** What a virtual agent handed off (`bridge.virtualAgent.handoff`) and whether the tag has it. */
  readonly virtualAgent: VirtualAgentState;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') Object.values(Object.freeze(value)).forEach(deepFreeze);
  return value;
}

const newChat = (): Mutable<ChatState> => ({ active: false, messagesSent: 0, messagesReceived: 0 });

const CHAT_EVENTS = ['chat:started', 'chat:ended', 'message:sent', 'message:received'];

/**
 * Follows the events into `BridgeState`, and measures what the tag does not send (`durationMs` of
 * `chat:ended` and `call:ended`, `resumed` of `chat:started`) on the event before it is emitted.
 * The chat record starts from, and is kept in, `store`, so it outlives a page change.
 */
export function createState(store: ChatStore) {
  const stored = store.read();
  const state: Mutable<BridgeState> = {
    chat: stored ? { ...stored.chat } : newChat(),
    call: { active: false },
    availability: { chat: {}, call: {} },
    cobrowsing: false,
    virtualAgent: { applied: false },
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

  function apply(event: Mutable<BridgeEvent>): void {
    snapshot = undefined;
    const { call, availability } = state;
    switch (event.type) {
      case 'chat:started': {
        const current = state.chat;
        event.resumed = current.active && event.chatId !== undefined && event.chatId === current.chatId;
        if (event.resumed) {
          current.conversationId ??= event.conversationId;
          current.visitorId ??= event.visitorId;
          break;
        }
        // A start without the end of the previous chat (a missed onChatEnded) still begins a new record.
        if (current.active) chatClosed = true;
        Object.assign(chat(), {
          active: true,
          chatId: event.chatId,
          conversationId: event.conversationId,
          visitorId: event.visitorId,
          startedBy: event.startedBy,
          startedAt: event.at,
        });
        break;
      }
      case 'chat:ended':
        if (state.chat.active && (event.chatId === undefined || event.chatId === state.chat.chatId)) {
          event.durationMs = event.at - state.chat.startedAt!;
        }
        state.chat.active = false;
        chatClosed = true;
        break;
      case 'message:sent':
        chat().messagesSent++;
        firstVisitorMessageAt ??= event.at;
        break;
      case 'message:received': {
        const current = chat();
        current.messagesReceived++;
        if (current.firstResponseMs === undefined && firstVisitorMessageAt !== undefined) {
          current.firstResponseMs = event.at - firstVisitorMessageAt;
        }
        break;
      }
      case 'call:started':
        state.call = { active: true, startedAt: event.at };
        break;
      case 'call:ended':
        if (call.active) event.durationMs = event.at - call.startedAt!;
        state.call = { active: false };
        break;
      case 'chat:availability':
      case 'call:availability': {
        // Only what the tag actually reported: an unreadable flag leaves the known value.
        const known: Record<string, boolean | undefined> = availability[event.type === 'chat:availability' ? 'chat' : 'call'];
        for (const key of ['offline', 'busy']) {
          const value = (event as Record<string, unknown>)[key];
          if (typeof value === 'boolean') known[key] = value;
        }
        break;
      }
      case 'cobrowsing:accepted':
      case 'cobrowsing:refused':
      case 'cobrowsing:stopped':
        state.cobrowsing = event.type === 'cobrowsing:accepted';
        break;
    }
    if (CHAT_EVENTS.indexOf(event.type) >= 0) store.write({ chat: state.chat, firstVisitorMessageAt });
  }

  return {
    apply,
    setVirtualAgent(virtualAgent: VirtualAgentState): void {
      if (JSON.stringify(virtualAgent) === JSON.stringify(state.virtualAgent)) return;
      state.virtualAgent = { ...virtualAgent };
      snapshot = undefined;
    },
    /** The same frozen object until the next change, so snapshots can be compared with `===`. */
    get current(): BridgeState {
      return (snapshot ??= deepFreeze(JSON.parse(JSON.stringify(state)) as BridgeState));
    },
  };
}
