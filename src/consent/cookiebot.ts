import { fail } from '../core/errors.js';
import { checkKnownOptions } from '../shared/known-options.js';
import { answer, follow } from './follow.js';
import type { ConsentSource } from './source.js';

export interface CookiebotOptions {
  /** The Cookiebot category: `'preferences'`, `'statistics'` or `'marketing'`. */
  category: string;
}

/**
 * One Cookiebot category, from `window.Cookiebot.consent[category]` once the visitor answered
 * (`hasResponse`), followed through the window events Cookiebot documents
 * (https://www.cookiebot.com/en/developer/): `CookiebotOnConsentReady`, `CookiebotOnAccept`, `CookiebotOnDecline`.
 */
export function cookiebot(options: CookiebotOptions): ConsentSource {
  checkKnownOptions('cookiebot()', options, ['category']);
  const { category } = options;
  // Necessary cookies need no consent.
  if (!/^(preferences|statistics|marketing)$/.test(category))
    fail('cookiebot()', "`category` must be 'preferences', 'statistics' or 'marketing'");
  return follow('cookiebot()', { category }, (win, update) => {
    const read = () =>
      update(() => {
        const bot = (win as unknown as { Cookiebot?: { hasResponse?: unknown; consent?: Record<string, unknown> } }).Cookiebot;
        return bot?.hasResponse === true ? answer(bot.consent?.[category] === true) : 'undecided';
      });
    for (const event of ['ConsentReady', 'Accept', 'Decline']) win.addEventListener(`CookiebotOn${event}`, read);
    return read;
  });
}
