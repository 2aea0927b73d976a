import { fail } from '../core/errors.js';
import { checkKnownOptions } from '../shared/known-options.js';
import { answer, follow, isList, whenLoaded } from './follow.js';
import type { ConsentSource, ConsentState } from './source.js';

export interface TcfOptions {
  /** The TCF purposes that must all be consented to; default `[1]` (store and/or access information on a device). */
  purposes?: readonly number[] | undefined;
  /** A vendor id that must be consented to as well (iAdvize has no IAB id: a custom vendor of the CMP). */
  vendorId?: number | undefined;
}

type TcfApi = (command: string, version: number, callback: (tcData: TcData, success: boolean) => void) => void;
interface TcData {
  gdprApplies?: boolean;
  eventStatus?: string;
  purpose?: { consents?: Record<number, boolean> };
  vendor?: { consents?: Record<number, boolean> };
}

const isId = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/**
 * The visitor's answer from the page's IAB TCF v2.2 CMP, following the CMP API
 * (https://github.com/InteractiveAdvertisingBureau/GDPR-Transparency-and-Consent-Framework/blob/master/TCFv2/IAB%20Tech%20Lab%20-%20CMP%20API%20v2.md):
 * `__tcfapi('addEventListener', 2, callback)` calls back on load and on every change. Granted when every
 * purpose (and the vendor) is consented to, or when the GDPR does not apply; before `tcloaded` or
 * `useractioncomplete` (`cmpuishown`: the banner is up) it keeps its last answer, undecided at first.
 */
export function tcf(options: TcfOptions = {}): ConsentSource {
  const scope = 'tcf()';
  checkKnownOptions(scope, options, ['purposes', 'vendorId']);
  const { purposes = [1], vendorId } = options;
  if (!isList(purposes) || !purposes.length || !purposes.every(isId)) fail(scope, '`purposes` must be TCF purpose numbers, e.g. [1, 7]');
  if (vendorId !== undefined && !isId(vendorId)) fail(scope, '`vendorId` must be the whole number the CMP gives its vendor');

  // Unreadable data (garbage, missing fields) throws in `update`, which reads it as undecided.
  const decide = (data: TcData, success: boolean): ConsentState | undefined =>
    !success
      ? 'undecided'
      : data.gdprApplies === false
        ? 'granted'
        : data.eventStatus === 'cmpuishown'
          ? undefined
          : data.eventStatus === 'tcloaded' || data.eventStatus === 'useractioncomplete'
            ? answer(
                purposes.every((id) => data.purpose!.consents![id] === true) && (!vendorId || data.vendor!.consents![vendorId] === true),
              )
            : 'undecided';

  return follow(scope, { purposes, vendorId }, (win, update) => {
    const api = () => (win as unknown as { __tcfapi?: TcfApi }).__tcfapi;
    // CMPs put a stub queueing calls in the page's head; the CMP itself may load late, or never (undecided).
    whenLoaded(
      () => typeof api() === 'function',
      () => update(() => void api()!('addEventListener', 2, (data, success) => update(() => decide(data, success)))),
    );
  });
}
