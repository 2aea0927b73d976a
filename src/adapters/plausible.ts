import { fail } from '../core/errors.js';
import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { globalsOf } from '../core/window.js';
import { titleCase } from './mapping.js';

type PlausibleCall = (name: string, options: { props: Record<string, unknown> }) => unknown;

export interface PlausibleOptions<T extends EventType = EventType> extends AdapterOptions<T> {
  /** A `plausible-tracker` instance (`Plausible({ domain })`); default: the page's `window.plausible`. */
  client?: { trackEvent: PlausibleCall } | undefined;
}

/** Plausible: `plausible('Chat Started', { props })`, or `trackEvent` of a `plausible-tracker` instance. */
export function plausible<const T extends EventType = never>(options: PlausibleOptions<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  const { client } = options;
  if (client !== undefined && typeof client?.trackEvent !== 'function')
    fail('plausible()', '`client` must be an object with a trackEvent() function');
  return createAdapter<PlausibleCall, T>(
    {
      name: 'plausible',
      options: ['client'],
      eventName: titleCase,
      find: (win) => {
        const track = client
          ? (name: string, props: { props: Record<string, unknown> }) => client.trackEvent(name, props)
          : globalsOf(win).plausible;
        return typeof track === 'function' ? track : undefined;
      },
      deliver: (track, name, props) => track(name, { props }),
    },
    options,
  );
}
