import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { trackingVendor, type Track } from './tools.js';

export interface PosthogOptions<T extends EventType = EventType> extends AdapterOptions<T> {
  /** The `posthog-js` instance; default: the page's `window.posthog`. */
  client?: { capture: Track } | undefined;
}

/** PostHog: `posthog.capture('chat_started', properties)`. */
export function posthog<const T extends EventType = never>(options: PosthogOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  return createAdapter(trackingVendor('posthog', 'posthog', 'capture', options.client), options);
}
