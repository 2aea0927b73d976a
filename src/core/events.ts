/**
 * The core's event map: one event per callback of `window.iAdvizeCallbacks`, and its payload.
 * The registry, the normaliser, the emitter and the state derive from it; plugins add their own
 * events (`src/events.ts` merges them into `EventMap`, which the adapters' mapping follows).
 */

/** An event with nothing but `type`, `at` and `raw`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type NoPayload = {};

/** Who started or ended a chat, in English whatever the tag sends (`'proactif'` becomes `'proactive'`). */
export type ChatParty = 'operator' | 'visitor';

export interface CoreEvents {
  'chat:displayed': NoPayload;
  'chat:hidden': NoPayload;
  'chat:button-displayed': NoPayload;
  'chat:availability': { offline: boolean; busy: boolean };
  'chat:started': {
    /** The chat's legacy integer id, as a string. */
    chatId: string;
    /** The conversation's UUID (iAdvize's GraphQL id), sent by tags since 2019. */
    conversationId?: string;
    /** The visitor's unique id (`vuid`), sent by tags since 2019. */
    visitorId?: string;
    /** Sent by 2017-era tags only: current tags do not say who started a chat. */
    startedBy?: ChatParty | 'proactive';
    /**
     * True when the tag announces again a chat already going on in this tab (after a page change,
     * or twice on one page): the same chat, so adapters do not count it again.
     */
    resumed: boolean;
  };
  'chat:ended': {
    chatId: string;
    conversationId?: string;
    visitorId?: string;
    /** Deprecated by iAdvize (only an operator ends a chat); older tags send it. */
    endedBy?: ChatParty;
    /** Measured by the bridge from the chat's start, in this tab even across page changes. */
    durationMs?: number;
  };
  'invitation:displayed': { invitationId: string };
  'call:button-displayed': NoPayload;
  'call:availability': { offline: boolean };
  'call:started': NoPayload;
  'call:ended': { durationMs?: number };
  'video:button-displayed': NoPayload;
  'rule:started': { ruleId: string; label: string };
  'message:received': {
    text: string;
    time?: string;
    date?: string;
    operatorId?: string;
    operatorExternalId?: string;
  };
  'message:sent': { text: string; time?: string };
  'alert:received': { text: string; time?: string };
  'operator:typing-started': NoPayload;
  'operator:typing-stopped': NoPayload;
  'visitor:typing-started': NoPayload;
  'visitor:typing-stopped': NoPayload;
  'offer:received': { name: string; url: string };
  'link:received': { name: string; url: string; pushed: boolean };
  'visitor:transferred': { operatorId: string; historyId: string };
  'cobrowsing:requested': NoPayload;
  'cobrowsing:accepted': NoPayload;
  'cobrowsing:refused': NoPayload;
  'cobrowsing:stopped': NoPayload;
  'satisfaction:displayed': NoPayload;
  'satisfaction:answered': NoPayload;
}

/** The events of map `M` of type `K` (all of them by default): `type`, `at` (ms since epoch), `raw` and the payload. */
export type EventOf<M, K extends keyof M = keyof M> = K extends keyof M
  ? { readonly type: K; readonly at: number; readonly raw: unknown } & Readonly<M[K]>
  : never;

/** `window.iAdvizeCallbacks` function name -> event type, in the order of iAdvize's documentation. */
export const CALLBACKS = {
  onChatDisplayed: 'chat:displayed',
  onChatHidden: 'chat:hidden',
  onChatButtonDisplayed: 'chat:button-displayed',
  onStatusChanged: 'chat:availability',
  onChatStarted: 'chat:started',
  onChatEnded: 'chat:ended',
  onInvitationDisplayed: 'invitation:displayed',
  onCallButtonDisplayed: 'call:button-displayed',
  onCallStatusChanged: 'call:availability',
  onCallStarted: 'call:started',
  onCallEnded: 'call:ended',
  onVideoButtonDisplayed: 'video:button-displayed',
  onRuleStarted: 'rule:started',
  onMessageReceived: 'message:received',
  onMessageSent: 'message:sent',
  onAlertReceived: 'alert:received',
  onOperatorWriting: 'operator:typing-started',
  onOperatorStopWriting: 'operator:typing-stopped',
  onVisitorWriting: 'visitor:typing-started',
  onVisitorStopWriting: 'visitor:typing-stopped',
  onOfferReceived: 'offer:received',
  onLinkReceived: 'link:received',
  onVisitorTransferred: 'visitor:transferred',
  onCobrowsingRequested: 'cobrowsing:requested',
  onCobrowsingAccepted: 'cobrowsing:accepted',
  onCobrowsingRefused: 'cobrowsing:refused',
  onCobrowsingStopped: 'cobrowsing:stopped',
  onSatisfactionDisplayed: 'satisfaction:displayed',
  onSatisfactionAnswered: 'satisfaction:answered',
} as const satisfies Record<string, keyof CoreEvents>;

export type CallbackName = keyof typeof CALLBACKS;

/** The core's event types, in the order of the callback table. */
export const CORE_EVENT_TYPES = /* @__PURE__ */ Object.values(CALLBACKS) as readonly (keyof CoreEvents)[];
