import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { trackingVendor, type Track } from './tools.js';
import { titleCase } from './mapping.js';

export interface SegmentOptions<T extends EventType = EventType> extends AdapterOptions<T> {
  /** An `AnalyticsBrowser` instance from `@segment/analytics-next`; default: the page's `window.analytics`. */
  client?: { track: Track } | undefined;
}

// Segment's Live Chat spec names; the other events follow the same "Live Chat ..." pattern.
const SPEC: Record<string, string> = {
  chat_started: 'Live Chat Conversation Started',
  chat_ended: 'Live Chat Conversation Ended',
  chat_message_sent: 'Live Chat Message Sent',
  chat_message_received: 'Live Chat Message Received',
};
const segmentName = (name: string): string => SPEC[name] ?? `Live Chat ${titleCase(name.replace(/^chat_/, ''))}`;

/** Segment: `analytics.track('Live Chat Conversation Started', properties)`. */
export function segment<const T extends EventType = never>(options: SegmentOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  return createAdapter(trackingVendor('segment', 'analytics', 'track', options.client, segmentName), options);
}
