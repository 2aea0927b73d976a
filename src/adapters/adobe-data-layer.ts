import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './create-adapter.js';
import { commandQueue } from './tools.js';

/** Adobe Client Data Layer: `adobeDataLayer.push({ event, eventInfo: params })`. */
export function adobeDataLayer(options: AdapterOptions = {}): AnalyticsAdapter {
  return createAdapter(
    {
      name: 'adobeDataLayer',
      find: (win) => commandQueue(win, 'adobeDataLayer'),
      deliver: (layer, event, eventInfo) => layer.push({ event, eventInfo }),
    },
    options,
  );
}
