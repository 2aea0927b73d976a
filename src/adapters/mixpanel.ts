import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { trackingVendor, type Track } from './tools.js';
import { titleCase } from './mapping.js';

export interface MixpanelOptions<T extends EventType = EventType> extends AdapterOptions<T> {
  /** The `mixpanel-browser` instance; default: the page's `window.mixpanel`. */
  client?: { track: Track } | undefined;
}

/** Mixpanel: `mixpanel.track('Chat Started', properties)`. */
export function mixpanel<const T extends EventType = never>(options: MixpanelOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  return createAdapter(trackingVendor('mixpanel', 'mixpanel', 'track', options.client, titleCase), options);
}
