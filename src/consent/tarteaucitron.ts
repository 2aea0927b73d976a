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
    // tarteaucitron calls fallback() for a visitor who has not answered yet too: only its state tells a refusal, set just after.
    const fallback = () => void Promise.resolve().then(() => stateOf() === false && set('denied'));
    const register = (): boolean => {
      const tac = host.tarteaucitron;
      if (tac === null || typeof tac !== 'object' || tac.services === null || typeof tac.services !== 'object') return false;
      tac.services[KEY] = service(options.sid, () => set('granted'), fallback);
      if (stateOf() === true) set('granted');
      else if (stateOf() === false) set('denied');
      return true;
    };
    // Its own events: a change of mind in the banner or the panel calls neither js() again nor fallback().
    win.document.addEventListener(`${KEY}_allowed`, () => set('granted'));
    win.document.addEventListener(`${KEY}_disallowed`, () => set('denied'));
    const missing = (): void => {
      if (!register()) log('warn', 'tarteaucitron.js is not on the page: the iAdvize consent stays undecided');
    };
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
