export { createHistoryHandler, type HistoryHandlerOptions } from './history/handler.js';
export { toNodeListener } from './node/listener.js';
export { parseHistory } from './history/parse.js';
export { parisTime } from './iadvize/paris-time.js';
export type { Transcript, TranscriptEntry } from '../shared/transcript.js';
export { createWebhookHandler, type WebhookHandlerOptions } from './webhooks/handler.js';
export {
  WEBHOOK_EVENT_TYPES,
  type KnownWebhookEvent,
  type UnknownWebhookEvent,
  type WebhookEvent,
  type WebhookEventBase,
  type WebhookEventType,
} from './iadvize/webhook-events.js';
export type { PlainValue } from './http/plain-json.js';
export { memoryStore, type KeyValueStore, type MemoryStoreOptions } from './stores/store.js';
export { redisStore, type RedisClient, type RedisStoreOptions } from './stores/redis.js';
export { createLinkHandler, linkedClientId, type ChatLink, type LinkConsent, type LinkHandlerOptions } from './links/handler.js';
export {
  GA4_WEBHOOK_EVENTS,
  ga4MeasurementProtocol,
  type Ga4MeasurementProtocolOptions,
  type Ga4Sink,
  type Ga4SinkStats,
  type Ga4WebhookEvent,
  type Ga4WebhookEventType,
} from './ga4-mp/sink.js';
