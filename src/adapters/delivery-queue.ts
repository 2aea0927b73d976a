import type { BridgeEvent } from '../core/events.js';
import type { Params } from './mapping.js';

/** Events held while the tool is missing (not loaded yet, or blocked), and for how long. */
export const QUEUE_LIMIT = 50;
export const QUEUE_MS = 30_000;
/** How often a missing tool is looked for, only while events wait for it. */
export const RETRY_MS = 250;

/** What happened to the events an adapter was given. */
export interface AdapterStats {
  sent: number;
  /** Waiting for the tool to load. */
  pending: number;
  droppedNoConsent: number;
  /** More than `QUEUE_LIMIT` events waiting. */
  droppedQueueFull: number;
  /** Waited longer than `QUEUE_MS` for the tool. */
  droppedExpired: number;
  /** A custom name the tool cannot take, or a `name`/`params` option that threw. */
  droppedInvalid: number;
  /** The tool threw. */
  failed: number;
}

interface Waiting {
  name: string;
  params: Params;
  event: BridgeEvent;
  queuedAt: number;
}

/**
 * Delivers to a tool that may not be there yet: at once when nothing waits and the tool is found,
 * otherwise in order once it appears, holding at most `QUEUE_LIMIT` events for at most `QUEUE_MS`.
 * A timer runs only while events wait. `find` and `deliver` are the adapter's, guarded by it.
 */
export function createDeliveryQueue<Tool>(
  find: (type: string) => Tool | undefined,
  deliver: (tool: Tool, name: string, params: Params, event: BridgeEvent) => void,
  stats: AdapterStats,
) {
  const waiting: Waiting[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    const now = Date.now();
    while (waiting.length && now - waiting[0].queuedAt > QUEUE_MS) {
      waiting.shift();
      stats.droppedExpired++;
    }
    const tool = waiting.length ? find(waiting[0].event.type) : undefined;
    while (tool && waiting.length) {
      const { name, params, event } = waiting.shift()!;
      deliver(tool, name, params, event);
    }
    stats.pending = waiting.length;
    if (waiting.length && timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        flush();
      }, RETRY_MS);
    }
  }

  return {
    send(name: string, params: Params, event: BridgeEvent): void {
      // Nothing waiting and the tool is there: the common case, delivered at once.
      const tool = waiting.length ? undefined : find(event.type);
      if (tool) return deliver(tool, name, params, event);
      // The tool may have arrived since the last look: deliver before judging the queue full.
      if (waiting.length >= QUEUE_LIMIT) flush();
      if (waiting.length >= QUEUE_LIMIT) {
        stats.droppedQueueFull++;
        return;
      }
      waiting.push({ name, params, event, queuedAt: Date.now() });
      flush();
    },
    clear(this: void): void {
      clearTimeout(timer);
      timer = undefined;
      waiting.length = stats.pending = 0;
    },
  };
}
