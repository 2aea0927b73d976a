/**
 * The core's event map: one event per callback of `window.iAdvizeCallbacks`, and its payload.
 * The registry, the normaliser, the delivery and the state derive from it. A plugin declares its own
 * events in its own folder: in its `Plugin` type (what `bridge.on` accepts once it is installed) and
 * in `PluginEvents` (what a plugin's `send` and the adapters' options may name).
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

/**
 * The events of every plugin in the program, by declaration merging, as hono does for its context
 * variables: a plugin's module adds its own, so a plugin's `send` and an adapter's `events` know them.
 * A bridge accepts `on()` for a plugin's event only once that plugin is installed (its `Plugin` type).
 * @example
 * declare module 'iadvize-bridge' {
 *   interface PluginEvents { 'counter:tick': { count: number } }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PluginEvents {}

/** The core's events and those of every plugin in the program. */
export interface KnownEvents extends CoreEvents, PluginEvents {}

/** An event type: the core's or a plugin's. */
export type EventType = keyof KnownEvents;

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

/**
 * A normalised event: `type`, `at` (ms since epoch), `raw` (the callback's argument as the tag
 * passed it) and the payload of its type. `BridgeEvent` alone is the union of all events.
 */
export type BridgeEvent<K extends EventType = EventType> = EventOf<KnownEvents, K>;

/** The core's event types, in the order of the callback table. */
export const CORE_EVENT_TYPES = /* @__PURE__ */ Object.values(CALLBACKS) as readonly (keyof CoreEvents)[];
