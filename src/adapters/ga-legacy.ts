import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { categoryActionVendor } from './tools.js';

/** Classic Google Analytics (`ga.js`): `_gaq.push(['_trackEvent', 'iAdvize', action, label, value])`, as in iAdvize's own example. */
export function gaLegacy<const T extends EventType = never>(options: AdapterOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  return createAdapter(categoryActionVendor('gaLegacy', '_gaq', '_trackEvent'), options);
}
