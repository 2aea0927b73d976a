import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './create-adapter.js';
import { trackingVendor, type Track } from './tools.js';

export interface PosthogOptions extends AdapterOptions {
  /** The `posthog-js` instance; default: the page's `window.posthog`. */
  client?: { capture: Track } | undefined;
}

/** PostHog: `posthog.capture('chat_started', properties)`. */
export function posthog(options: PosthogOptions = {}): AnalyticsAdapter {
  return createAdapter(trackingVendor('posthog', 'posthog', 'capture', options.client), options);
}
