export { createHistoryHandler, type HistoryHandlerOptions } from './history-handler.js';
export { toNodeListener } from './node-listener.js';
export { parseHistory, parisTime } from './parse-history.js';
export type { Transcript, TranscriptEntry } from '../shared/transcript.js';
export { createWebhookHandler, type WebhookHandlerOptions } from './webhook-handler.js';
export { WEBHOOK_EVENT_TYPES, type KnownWebhookEvent, type UnknownWebhookEvent, type WebhookEvent, type WebhookEventBase, type WebhookEventType } from './webhook-events.js';
export type { PlainValue } from './plain-json.js';
export { memoryStore, type KeyValueStore, type MemoryStoreOptions } from './store.js';
export { redisStore, type RedisClient, type RedisStoreOptions } from './redis-store.js';
