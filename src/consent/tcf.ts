import type { ConsentSource } from './source.js';

export interface TcfOptions {
  /** The TCF purposes that must all be consented to; default `[1]` (store and/or access information on a device). */
  purposes?: readonly number[] | undefined;
  /** A vendor id that must be consented to as well (iAdvize has no IAB id: a custom vendor of the CMP). */
  vendorId?: number | undefined;
}

/** Placeholder with the final signature, replaced by the source that reads the consent tool. */
export function tcf(_options?: TcfOptions): ConsentSource {
  return { consentSource: true, name: 'tcf()', state: () => 'undecided', subscribe: () => () => {} };
}
