import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './create-adapter.js';
import { categoryActionVendor } from './tools.js';

/** Classic Google Analytics (`ga.js`): `_gaq.push(['_trackEvent', 'iAdvize', action, label, value])`, as in iAdvize's own example. */
export function gaLegacy(options: AdapterOptions = {}): AnalyticsAdapter {
  return createAdapter(categoryActionVendor('gaLegacy', '_gaq', '_trackEvent'), options);
}
