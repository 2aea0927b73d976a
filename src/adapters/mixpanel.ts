import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './create-adapter.js';
import { trackingVendor, type Track } from './tools.js';
import { titleCase } from './mapping.js';

export interface MixpanelOptions extends AdapterOptions {
  /** The `mixpanel-browser` instance; default: the page's `window.mixpanel`. */
  client?: { track: Track } | undefined;
}

/** Mixpanel: `mixpanel.track('Chat Started', properties)`. */
export function mixpanel(options: MixpanelOptions = {}): AnalyticsAdapter {
  return createAdapter(trackingVendor('mixpanel', 'mixpanel', 'track', options.client, titleCase), options);
}
