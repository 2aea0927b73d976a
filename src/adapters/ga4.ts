import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './create-adapter.js';
import { globalsOf } from '../core/window.js';
import { GA4_RULES } from './ga4-rules.js';

export interface Ga4Options extends AdapterOptions {
  /** GA4 `send_to`: the measurement id(s) or group to send to, when the page configures several. */
  sendTo?: string | string[];
}

/**
 * Google Analytics 4 through the site's own `gtag` (never defined here: without it, events wait).
 * @example
 * install({ plugins: [ga4()] }) // gtag('event', 'chat_started', { chat_channel: 'chat' }); 2017-era tags add started_by
 */
export function ga4(options: Ga4Options = {}): AnalyticsAdapter {
  return createAdapter(
    {
      name: 'ga4',
      rules: GA4_RULES,
      find: (win) => {
        const { gtag } = globalsOf(win);
        return typeof gtag === 'function' ? gtag : undefined;
      },
      deliver: (gtag, name, params) => gtag('event', name, options.sendTo ? { ...params, send_to: options.sendTo } : params),
    },
    options,
  );
}
