import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { commandQueue } from './tools.js';

/** Adobe Client Data Layer: `adobeDataLayer.push({ event, eventInfo: params })`. */
export function adobeDataLayer<const T extends EventType = never>(options: AdapterOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  return createAdapter(
    {
      name: 'adobeDataLayer',
      find: (win) => commandQueue(win, 'adobeDataLayer'),
      deliver: (layer, event, eventInfo) => layer.push({ event, eventInfo }),
    },
    options,
  );
}
