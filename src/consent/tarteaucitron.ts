import { log } from '../core/guard.js';
import type { ConsentSource, ConsentState } from './source.js';

export interface TarteaucitronOptions {
  /** Your iAdvize site id: names the two cookies the tag sets per site, so tarteaucitron lists and removes them. */
  sid?: string | number | undefined;
}

/** The part of tarteaucitron.js the source reads: its services table and its `state` of each. */
interface Tarteaucitron {
  services: Record<string, unknown>;
  state?: Record<string, unknown>;
}
interface Followed {
  state: ConsentState;
  listeners: Set<(state: ConsentState) => void>;
}
const KEY = 'iadvize';
const FOLLOWED = Symbol.for('iadvize-bridge.tarteaucitron');

/** The iAdvize service as tarteaucitron.js defines one (its README, "Create your own service"); cookies per iAdvize's help article 216438047. */
function service(sid: string | number | undefined, granted: () => void, fallback: () => void) {
  const perSite = sid === undefined ? [] : [`iadvize-${sid}-consent`, `iadvize-${sid}-vuid`];
  return {
    key: KEY,
    type: 'support',
    name: 'iAdvize',
    uri: 'https://www.iadvize.com/iadvize-privacy-policy',
    needConsent: true,
    cookies: [...perSite, 'transactionBundle.transaction', 'transactionBundle.retryCount', 'idzUtmCampaign'],
    js: granted,
    fallback,
  };
}

/**
 * The visitor's choice for iAdvize in tarteaucitron.js: the bridge registers
 * `tarteaucitron.services.iadvize`, and the site adds it as tarteaucitron documents,
 * `(tarteaucitron.job = tarteaucitron.job || []).push('iadvize')`. Accepting is `js()` and the
 * `iadvize_allowed` event, refusing the `iadvize_disallowed` event and a `fallback()` with the
 * service's state false. tarteaucitron.js must be on the page by the time it is parsed.
 * @example
 * iadvizeTag({ sid: 1234, consent: tarteaucitron({ sid: 1234 }) })
 */
export function tarteaucitron(options: TarteaucitronOptions = {}): ConsentSource {
  const follow = (win: Window): Followed => {
    const host = win as Window & { [FOLLOWED]?: Followed; tarteaucitron?: Partial<Tarteaucitron> };
    const existing = host[FOLLOWED];
    if (existing) return existing;
    const followed: Followed = (host[FOLLOWED] = { state: 'undecided', listeners: new Set() });
    const set = (state: ConsentState): void => {
      if (followed.state === state) return;
      followed.state = state;
      followed.listeners.forEach((listener) => listener(state));
    };
    const stateOf = (): unknown => host.tarteaucitron?.state?.[KEY];
    const applied = (): unknown => (stateOf() === true ? set('granted') : stateOf() === false && set('denied'));
    // tarteaucitron calls fallback() for a visitor who has not answered yet too: only its state, set just after, tells a refusal.
    const fallback = () => void Promise.resolve().then(applied);
    const register = (): unknown => {
      const services = host.tarteaucitron?.services;
      return (
        services && typeof services === 'object' && ((services[KEY] = service(options.sid, () => set('granted'), fallback)), applied(), 1)
      );
    };
    // Its own events: a change of mind in the banner or the panel calls neither js() again nor fallback().
    const onEvent = (event: Event) => set(event.type === `${KEY}_allowed` ? 'granted' : 'denied');
    win.document.addEventListener(`${KEY}_allowed`, onEvent);
    win.document.addEventListener(`${KEY}_disallowed`, onEvent);
    const missing = (): unknown => register() || log('warn', 'tarteaucitron.js not found: iAdvize consent stays undecided');
    if (!register())
      if (win.document.readyState === 'loading') win.document.addEventListener('DOMContentLoaded', missing, { once: true });
      else missing();
    return followed;
  };
  return {
    consentSource: true,
    name: 'tarteaucitron()',
    state: (win) => follow(win).state,
    subscribe: (win, listener) => {
      const { listeners } = follow(win);
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
