import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './create-adapter.js';
import { categoryActionVendor } from './tools.js';

/** Matomo and Piwik PRO: `_paq.push(['trackEvent', 'iAdvize', action, name, value])`. */
export function matomo(options: AdapterOptions = {}): AnalyticsAdapter {
  return createAdapter(categoryActionVendor('matomo', '_paq', 'trackEvent'), options);
}
