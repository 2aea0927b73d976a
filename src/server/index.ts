export { createHistoryHandler, type HistoryHandlerOptions } from './history-handler.js';
export { toNodeListener } from './node-listener.js';
export { parseHistory, parisTime } from './parse-history.js';
export type { Transcript, TranscriptEntry } from '../shared/transcript.js';
