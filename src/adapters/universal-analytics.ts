import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './adapter.js';
import { globals, labelAndValue } from './globals.js';
import { titleCase } from './mapping.js';

/**
 * Universal Analytics (`analytics.js`): `ga('send', 'event', 'iAdvize', action, label, value)`.
 * Google stopped processing Universal Analytics data in 2023-2024; debug mode says so.
 */
export function universalAnalytics(options: AdapterOptions = {}): AnalyticsAdapter {
  return createAdapter(
    {
      name: 'universalAnalytics',
      eventName: titleCase,
      debugWarning: 'Google stopped processing Universal Analytics data in 2023-2024: use ga4() instead',
      find: (win) => (typeof globals(win).ga === 'function' ? globals(win).ga : undefined),
      deliver: (ga, action, params) => {
        const { label, value } = labelAndValue(params);
        ga('send', 'event', 'iAdvize', action, label, value);
      },
    },
    options,
  );
}
