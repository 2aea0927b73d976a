import { follow, nameOption, whenLoaded } from './follow.js';
import type { ConsentSource } from './source.js';

export interface OneTrustOptions {
  /** The OneTrust category (group) id iAdvize is in, e.g. `'C0003'`. */
  group: string;
}

type Page = {
  OnetrustActiveGroups?: unknown;
  OneTrust?: { IsAlertBoxClosed?: () => unknown; OnConsentChanged?: (callback: () => void) => void };
};

/**
 * Whether one OneTrust category is active, from `window.OnetrustActiveGroups` (`',C0001,C0003,'`),
 * followed through OneTrust's documented events (https://developer.onetrust.com/onetrust/docs/javascript-events-guide):
 * `OneTrustGroupsUpdated` on the window (at load and at each change) and `OneTrust.OnConsentChanged`.
 * The site's own `OptanonWrapper` is left alone: sites assign it, often after us, which would drop a wrapper.
 * A category not active is denied once the visitor closed the banner (`IsAlertBoxClosed()`), undecided before.
 */
export function oneTrust(options: OneTrustOptions): ConsentSource {
  const group = nameOption('oneTrust()', options, 'group', 'C0003');
  return follow('oneTrust()', { group }, (win, update) => {
    const page = win as unknown as Page;
    const read = () =>
      update(() => {
        const groups = page.OnetrustActiveGroups;
        if (typeof groups !== 'string') return 'undecided';
        if (groups.split(',').indexOf(group) >= 0) return 'granted';
        return page.OneTrust?.IsAlertBoxClosed?.() === true ? 'denied' : 'undecided';
      });
    win.addEventListener('OneTrustGroupsUpdated', read);
    whenLoaded(
      () => typeof page.OneTrust?.OnConsentChanged === 'function',
      () => update(() => void page.OneTrust!.OnConsentChanged!(read)),
    );
    return read;
  });
}
