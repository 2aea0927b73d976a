export { install } from './install.js';
export type { Adapter, Bridge, InstallOptions } from './install.js';
export { CALLBACKS, EVENT_TYPES } from './events.js';
export type { BridgeEvent, CallbackName, ChatParty, EventMap, EventType, NoPayload } from './events.js';
export type { Listener, ListenedType, OnOptions, Unsubscribe } from './emitter.js';
export type { ErrorContext, ErrorHandler } from './guard.js';
export type { BridgeState, ChatState } from './state.js';
