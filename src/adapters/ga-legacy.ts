import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './adapter.js';
import { commandQueue, labelAndValue } from './globals.js';
import { titleCase } from './mapping.js';

/** Classic Google Analytics (`ga.js`): `_gaq.push(['_trackEvent', 'iAdvize', action, label, value])`, as in iAdvize's own example. */
export function gaLegacy(options: AdapterOptions = {}): AnalyticsAdapter {
  return createAdapter(
    {
      name: 'gaLegacy',
      eventName: titleCase,
      find: (win) => commandQueue(win, '_gaq'),
      deliver: (gaq, action, params) => {
        const { label, value } = labelAndValue(params);
        gaq.push(['_trackEvent', 'iAdvize', action, label, value].filter((part) => part !== undefined));
      },
    },
    options,
  );
}
