import type { ConsentSource } from './source.js';

export interface AxeptioOptions {
  /** The Axeptio vendor name for iAdvize. */
  vendor: string;
}

/** Placeholder with the final signature, replaced by the source that reads the consent tool. */
export function axeptio(_options: AxeptioOptions): ConsentSource {
  return { consentSource: true, name: 'axeptio()', state: () => 'undecided', subscribe: () => () => {} };
}
