import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { globalsOf } from '../core/window.js';
import { labelAndValue } from './tools.js';
import { titleCase } from './mapping.js';

/**
 * Universal Analytics (`analytics.js`): `ga('send', 'event', 'iAdvize', action, label, value)`.
 * Google stopped processing Universal Analytics data in 2023-2024; debug mode says so.
 */
export function universalAnalytics<const T extends EventType = never>(options: AdapterOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  return createAdapter(
    {
      name: 'universalAnalytics',
      eventName: titleCase,
      debugWarning: 'Google stopped processing Universal Analytics data in 2023-2024: use ga4() instead',
      find: (win) => {
        const { ga } = globalsOf(win);
        return typeof ga === 'function' ? ga : undefined;
      },
      deliver: (ga, action, params) => {
        const { label, value } = labelAndValue(params);
        ga('send', 'event', 'iAdvize', action, label, value);
      },
    },
    options,
  );
}
