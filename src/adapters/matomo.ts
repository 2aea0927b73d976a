import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { categoryActionVendor } from './tools.js';

/** Matomo and Piwik PRO: `_paq.push(['trackEvent', 'iAdvize', action, name, value])`. */
export function matomo<const T extends EventType = never>(options: AdapterOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  return createAdapter(categoryActionVendor('matomo', '_paq', 'trackEvent'), options);
}
