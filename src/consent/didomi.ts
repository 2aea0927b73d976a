import type { ConsentSource } from './source.js';

export interface DidomiOptions {
  /** The vendor id created for iAdvize in Didomi. */
  vendor: string;
}

/** Placeholder with the final signature, replaced by the source that reads the consent tool. */
export function didomi(_options: DidomiOptions): ConsentSource {
  return { consentSource: true, name: 'didomi()', state: () => 'undecided', subscribe: () => () => {} };
}
