import type { ConsentSource } from './source.js';

export interface OneTrustOptions {
  /** The OneTrust category (group) id iAdvize is in, e.g. `'C0003'`. */
  group: string;
}

/** Placeholder with the final signature, replaced by the source that reads the consent tool. */
export function oneTrust(_options: OneTrustOptions): ConsentSource {
  return { consentSource: true, name: 'oneTrust()', state: () => 'undecided', subscribe: () => () => {} };
}
