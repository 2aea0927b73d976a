import type { ConsentSource } from './source.js';

export interface CookiebotOptions {
  /** The Cookiebot category: `'preferences'`, `'statistics'` or `'marketing'`. */
  category: string;
}

/** Placeholder with the final signature, replaced by the source that reads the consent tool. */
export function cookiebot(_options: CookiebotOptions): ConsentSource {
  return { consentSource: true, name: 'cookiebot()', state: () => 'undecided', subscribe: () => () => {} };
}
