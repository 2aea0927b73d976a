import { log } from '../core/guard.js';
import { follow, type Records } from './follow.js';
import type { ConsentSource } from './source.js';

export interface TarteaucitronOptions {
  /** Your iAdvize site id: names the two cookies the tag sets per site, so tarteaucitron lists and removes them. */
  sid?: string | number | undefined;
}

/** The part of tarteaucitron.js the source reads: its services table and its `state` of each. */
interface Tarteaucitron {
  services: Record<string, unknown>;
  state?: Record<string, unknown>;
}
type Host = Window & { [FOLLOWED]?: unknown; tarteaucitron?: Partial<Tarteaucitron> };
const KEY = 'iadvize';
const FOLLOWED = Symbol.for('iadvize-bridge.tarteaucitron');
// One record per window, whichever source or copy of the bridge asks first: tarteaucitron has one iadvize service.
const ON_THE_WINDOW = {
  get: (win: Host) => win[FOLLOWED],
  set: (win: Host, record: unknown) => void (win[FOLLOWED] = record),
} as unknown as Records;

/**
 * The visitor's choice for iAdvize in tarteaucitron.js: the bridge registers
 * `tarteaucitron.services.iadvize`, and the site adds it as tarteaucitron documents,
 * `(tarteaucitron.job = tarteaucitron.job || []).push('iadvize')`. Accepting is `js()` and the
 * `iadvize_allowed` event, refusing the `iadvize_disallowed` event and a `fallback()` with the
 * service's state false. tarteaucitron.js must be on the page by the time it is parsed.
 * @example
 * iadvizeTag({ sid: 1234, consent: tarteaucitron({ sid: 1234 }) })
 */
export function tarteaucitron({ sid }: TarteaucitronOptions = {}): ConsentSource {
  const start = (win: Window, update: (read: () => 'granted' | 'denied' | undefined) => void) => {
    const host = win as Host;
    const applied = () =>
      update(() => {
        const state = host.tarteaucitron?.state?.[KEY];
        return state === true ? 'granted' : state === false ? 'denied' : undefined;
      });
    // The iAdvize service as tarteaucitron.js defines one (its README, "Create your own service"); cookies per iAdvize's help article 216438047.
    const service = {
      key: KEY,
      type: 'support',
      name: 'iAdvize',
      uri: 'https://www.iadvize.com/iadvize-privacy-policy',
      needConsent: true,
      cookies: [
        ...(sid === undefined ? [] : [`${KEY}-${sid}-consent`, `${KEY}-${sid}-vuid`]),
        'transactionBundle.transaction',
        'transactionBundle.retryCount',
        'idzUtmCampaign',
      ],
      js: () => update(() => 'granted'),
      // tarteaucitron calls fallback() for a visitor who has not answered yet too: only its state, set just after, tells a refusal.
      fallback: () => void Promise.resolve().then(applied),
    };
    const register = (): unknown => {
      const services = host.tarteaucitron?.services;
      return services && typeof services === 'object' && ((services[KEY] = service), applied(), 1);
    };
    // Its own events: a change of mind in the banner or the panel calls neither js() again nor fallback().
    const onEvent = (event: Event) => update(() => (event.type === `${KEY}_allowed` ? 'granted' : 'denied'));
    win.document.addEventListener(`${KEY}_allowed`, onEvent);
    win.document.addEventListener(`${KEY}_disallowed`, onEvent);
    const missing = (): unknown => register() || log('warn', 'tarteaucitron.js not found: iAdvize consent stays undecided');
    if (!register())
      if (win.document.readyState === 'loading') win.document.addEventListener('DOMContentLoaded', missing, { once: true });
      else missing();
  };
  return follow('tarteaucitron()', { sid }, start, ON_THE_WINDOW);
}
