import type { BridgeEvent, EventMap } from './events.js';

export interface ChatState {
  readonly active: boolean;
  readonly chatId?: string;
  readonly conversationId?: string;
  readonly startedBy?: EventMap['chat:started']['startedBy'];
  readonly startedAt?: number;
  readonly messagesSent: number;
  readonly messagesReceived: number;
  /** From the chat's first visitor message to the first operator message after it. */
  readonly firstResponseMs?: number;
}

/** A read-only snapshot of what the tag has told so far. Each change makes a new frozen object. */
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function freeze<T extends object>(value: T): T {
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child && typeof child === 'object') freeze(child);
  }
  return Object.freeze(value);
}

const NEW_CHAT: ChatState = { active: false, messagesSent: 0, messagesReceived: 0 };

/**
 * Follows the events into `BridgeState`, and measures the durations the tag does not send
 * (`durationMs` of `chat:ended` and `call:ended`) before the event is emitted.
 */
export function createState() {
  let state: BridgeState = freeze({
    chat: NEW_CHAT,
    call: { active: false },
    availability: { chat: {}, call: {} },
    cobrowsing: false,
  });
  // Messages can reach the tag before onChatStarted; they belong to the chat that follows.
  let chatClosed = true;
  let firstVisitorMessageAt: number | undefined;

  const update = (change: Partial<Mutable<BridgeState>>): void => {
    state = freeze({ ...state, ...change });
  };

  /** The chat record that an event of a chat belongs to: a fresh one after the previous chat ended. */
  function currentChat(): ChatState {
    if (!chatClosed) return state.chat;
    chatClosed = false;
    firstVisitorMessageAt = undefined;
    return NEW_CHAT;
  }

  function apply(event: Mutable<BridgeEvent>): void {
    const chat = state.chat;
    switch (event.type) {
      case 'chat:started': {
        const { chatId, conversationId, startedBy, at } = event;
        update({ chat: { ...currentChat(), active: true, chatId, conversationId, startedBy, startedAt: at } });
        break;
      }
      case 'chat:ended':
        if (chat.active && chat.startedAt !== undefined && (event.chatId === undefined || event.chatId === chat.chatId)) {
          event.durationMs = event.at - chat.startedAt;
        }
        chatClosed = true;
        update({ chat: { ...chat, active: false } });
        break;
      case 'message:sent': {
        const next = currentChat();
        if (firstVisitorMessageAt === undefined) firstVisitorMessageAt = event.at;
        update({ chat: { ...next, messagesSent: next.messagesSent + 1 } });
        break;
      }
      case 'message:received': {
        const next = currentChat();
        const firstResponseMs =
          next.firstResponseMs ?? (firstVisitorMessageAt === undefined ? undefined : event.at - firstVisitorMessageAt);
        update({ chat: { ...next, messagesReceived: next.messagesReceived + 1, firstResponseMs } });
        break;
      }
      case 'call:started':
        update({ call: { active: true, startedAt: event.at } });
        break;
      case 'call:ended':
        if (state.call.active && state.call.startedAt !== undefined) event.durationMs = event.at - state.call.startedAt;
        update({ call: { active: false } });
        break;
      case 'chat:availability':
      case 'call:availability': {
        const channel = event.type === 'chat:availability' ? 'chat' : 'call';
        const known = { ...state.availability[channel] } as Record<string, boolean | undefined>;
        for (const key of ['offline', 'busy'] as const) {
          const value = (event as Partial<Record<typeof key, unknown>>)[key];
          if (typeof value === 'boolean') known[key] = value;
        }
        update({ availability: { ...state.availability, [channel]: known } });
        break;
      }
      case 'cobrowsing:accepted':
      case 'cobrowsing:refused':
      case 'cobrowsing:stopped':
        update({ cobrowsing: event.type === 'cobrowsing:accepted' });
        break;
    }
  }

  return {
    apply,
    get current(): BridgeState {
      return state;
    },
  };
}
