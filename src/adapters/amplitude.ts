import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './create-adapter.js';
import { trackingVendor, type Track } from './tools.js';
import { titleCase } from './mapping.js';

export interface AmplitudeOptions extends AdapterOptions {
  /** The `@amplitude/analytics-browser` module or instance; default: the page's `window.amplitude`. */
  client?: { track: Track } | undefined;
}

/** Amplitude: `amplitude.track('Chat Started', eventProperties)`. */
export function amplitude(options: AmplitudeOptions = {}): AnalyticsAdapter {
  return createAdapter(trackingVendor('amplitude', 'amplitude', 'track', options.client, titleCase), options);
}
