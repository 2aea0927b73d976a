import type { ConsentSource } from './source.js';

export interface GoogleConsentModeOptions {
  /** The consent types that must all be granted, e.g. `['analytics_storage']`. */
  types: readonly string[];
}

/** Placeholder with the final signature, replaced by the source that reads the consent tool. */
export function googleConsentMode(_options: GoogleConsentModeOptions): ConsentSource {
  return { consentSource: true, name: 'googleConsentMode()', state: () => 'undecided', subscribe: () => () => {} };
}
