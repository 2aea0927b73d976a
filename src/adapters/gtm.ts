import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { fail } from '../core/errors.js';
import { GA4_RULES } from '../shared/ga4-rules.js';
import { commandQueue } from './tools.js';

export interface GtmOptions<T extends EventType = EventType> extends AdapterOptions<T> {
  /** The data layer's name, when the container was installed with another one. Default `dataLayer`. */
  dataLayerName?: string | undefined;
}

/**
 * Google Tag Manager: `dataLayer.push({ event, iadvize: params })`. The `iadvize` key is reset
 * first, because GTM merges pushes and a parameter of the previous event would otherwise linger.
 * @example
 * install({ plugins: [gtm()] }) // trigger on the custom event "chat_ended", read {{iadvize.chat_duration_sec}}
 */
export function gtm<const T extends EventType = never>(options: GtmOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  const { dataLayerName = 'dataLayer' } = options;
  if (typeof dataLayerName !== 'string' || !dataLayerName) fail('gtm()', '`dataLayerName` must be a non-empty string');
  return createAdapter(
    {
      name: 'gtm',
      options: ['dataLayerName'],
      rules: GA4_RULES,
      find: (win) => commandQueue(win, dataLayerName),
      deliver: (dataLayer, name, params) => {
        dataLayer.push({ iadvize: null });
        dataLayer.push({ event: name, iadvize: params });
      },
    },
    options,
  );
}
