import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './adapter.js';
import { commandQueue, labelAndValue } from './globals.js';
import { titleCase } from './mapping.js';

/** Matomo and Piwik PRO: `_paq.push(['trackEvent', 'iAdvize', action, name, value])`. */
export function matomo(options: AdapterOptions = {}): AnalyticsAdapter {
  return createAdapter(
    {
      name: 'matomo',
      eventName: titleCase,
      find: (win) => commandQueue(win, '_paq'),
      deliver: (paq, action, params) => {
        const { label, value } = labelAndValue(params);
        paq.push(['trackEvent', 'iAdvize', action, label, value].filter((part) => part !== undefined));
      },
    },
    options,
  );
}
