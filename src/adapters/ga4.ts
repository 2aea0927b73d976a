import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './adapter.js';
import { globals } from './globals.js';

export interface Ga4Options extends AdapterOptions {
  /** GA4 `send_to`: the measurement id(s) or group to send to, when the page configures several. */
  sendTo?: string | string[];
}

/**
 * Google Analytics 4 through the site's own `gtag` (never defined here: without it, events wait).
 * @example
 * install({ adapters: [ga4()] }) // gtag('event', 'chat_started', { chat_channel: 'chat' }); 2017-era tags add started_by
 */
export function ga4(options: Ga4Options = {}): AnalyticsAdapter {
  return createAdapter(
    {
      name: 'ga4',
      ga4: true,
      find: (win) => (typeof globals(win).gtag === 'function' ? globals(win).gtag : undefined),
      deliver: (gtag, name, params) => gtag('event', name, options.sendTo ? { ...params, send_to: options.sendTo } : params),
    },
    options,
  );
}
