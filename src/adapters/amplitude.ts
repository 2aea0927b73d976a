import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { trackingVendor, type Track } from './tools.js';
import { titleCase } from './mapping.js';

export interface AmplitudeOptions<T extends EventType = EventType> extends AdapterOptions<T> {
  /** The `@amplitude/analytics-browser` module or instance; default: the page's `window.amplitude`. */
  client?: { track: Track } | undefined;
}

/** Amplitude: `amplitude.track('Chat Started', eventProperties)`. */
export function amplitude<const T extends EventType = never>(options: AmplitudeOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  return createAdapter(trackingVendor('amplitude', 'amplitude', 'track', options.client, titleCase), options);
}
