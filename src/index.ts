export { install } from './core/install.js';
export type { Bridge, InstallOptions, InstalledBridge } from './core/bridge.js';
export type {
  Adapter,
  AnyPlugin,
  ApiOf,
  EventRow,
  EventRows,
  EventsOf,
  Listener,
  MissingEvents,
  OnOptions,
  Plugin,
  PluginContext,
  RawParams,
  RequirePluginsFor,
  Subscribe,
  Unsubscribe,
} from './core/plugin.js';
export { CALLBACKS, CORE_EVENT_TYPES } from './core/events.js';
export type { BridgeEvent, CallbackName, ChatParty, CoreEvents, EventType, KnownEvents, NoPayload, PluginEvents } from './core/events.js';
export { EVENT_TYPES, MAPPING, OTHER_EVENTS } from './events.js';
export type { EventMap } from './events.js';
export type { ErrorContext, ErrorHandler } from './core/guard.js';
export type { BridgeState, ChatState } from './core/state.js';

export { webSdk } from './plugins/web-sdk/web-sdk.js';
export type {
  Activation,
  AuthenticationOption,
  AuthenticationProvider,
  IAdvizeWebSdk,
  Sdk,
  SdkProperties,
  SdkProperty,
  WebSdkEvents,
  WebSdkOptions,
} from './plugins/web-sdk/web-sdk.js';
export { iadvizeTag, DEFAULT_TAG_SRC } from './plugins/iadvize-tag/iadvize-tag.js';
export type { IAdvizeTagEvents, IAdvizeTagOptions, TagLoader, TagStatus } from './plugins/iadvize-tag/iadvize-tag.js';
export type { ConsentMode, TagConsent } from './plugins/iadvize-tag/consent.js';
export { boxedTag } from './plugins/boxed-tag/boxed-tag.js';
export type { BoxedTag, BoxedTagOptions } from './plugins/boxed-tag/boxed-tag.js';
export { chatLink } from './plugins/chat-link/chat-link.js';
export { GA_CLIENT_ID } from './shared/chat-link.js';
export type { ChatLinkConsent, ChatLinkOptions } from './plugins/chat-link/chat-link.js';
export { virtualAgent } from './plugins/virtual-agent/virtual-agent.js';
export type { VirtualAgent, VirtualAgentEvents, VirtualAgentState } from './plugins/virtual-agent/virtual-agent.js';
export { isHistoryError } from './plugins/virtual-agent/fetch-history.js';
export type { FetchHistoryOptions, HistoryError } from './plugins/virtual-agent/fetch-history.js';
export type { Transcript, TranscriptEntry } from './shared/transcript.js';

export { createAdapter } from './adapters/create-adapter.js';
export type { AdapterOptions, AnalyticsAdapter, NeedsOf, Vendor } from './adapters/create-adapter.js';
export { QUEUE_LIMIT, QUEUE_MS, RETRY_MS } from './adapters/delivery-queue.js';
export type { AdapterStats } from './adapters/delivery-queue.js';
export { CORE_ROWS, DEFAULT_EVENTS } from './adapters/mapping.js';
export type { Params } from './adapters/mapping.js';
export { GA4_LIMITS, GA4_RULES } from './shared/ga4-rules.js';
export type { NamingRules } from './shared/ga4-rules.js';
export * from './adapters/tools-by-name.js';
export { custom, type Mapped } from './adapters/custom.js';
export * from './consent/index.js';
