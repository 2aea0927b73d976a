import { answer, follow, nameOption } from './follow.js';
import type { ConsentSource } from './source.js';

export interface DidomiOptions {
  /** The vendor id created for iAdvize in Didomi. */
  vendor: string;
}

type Didomi = { getUserConsentStatusForVendor(vendor: string): unknown };
type Page = { Didomi?: Didomi; didomiOnReady?: unknown[]; didomiEventListeners?: unknown[] };

/**
 * The visitor's answer for one vendor from the Didomi Web SDK, through its documented queues
 * (https://developers.didomi.io/cmp/web-sdk/reference/api, https://developers.didomi.io/cmp/web-sdk/reference/events):
 * `didomiOnReady` once the SDK is ready, then each `consent.changed` event, read with
 * `getUserConsentStatusForVendor` (true, false, or undefined before the visitor chose: undecided).
 */
export function didomi(options: DidomiOptions): ConsentSource {
  const vendor = nameOption('didomi()', options, 'vendor', 'c:iadvize');
  return follow('didomi()', { vendor }, (win, update) => {
    const page = win as unknown as Page;
    const read = (sdk = page.Didomi) => update(() => answer(sdk!.getUserConsentStatusForVendor(vendor)));
    (page.didomiOnReady = page.didomiOnReady || []).push((sdk: Didomi) => read(sdk));
    (page.didomiEventListeners = page.didomiEventListeners || []).push({ event: 'consent.changed', listener: () => read() });
  });
}
