import { fail } from '../core/errors.js';
import { answer, follow, nameOption } from './follow.js';
import type { ConsentSource } from './source.js';

export interface CookiebotOptions {
  /** The Cookiebot category: `'preferences'`, `'statistics'` or `'marketing'`. */
  category: string;
}

const CATEGORIES = ['preferences', 'statistics', 'marketing'];

/**
 * One Cookiebot category, from `window.Cookiebot.consent[category]` once the visitor answered
 * (`hasResponse`), followed through the window events Cookiebot documents
 * (https://www.cookiebot.com/en/developer/): `CookiebotOnConsentReady`, `CookiebotOnAccept`, `CookiebotOnDecline`.
 */
export function cookiebot(options: CookiebotOptions): ConsentSource {
  const category = nameOption('cookiebot()', options, 'category', 'statistics');
  if (CATEGORIES.indexOf(category) < 0)
    fail('cookiebot()', `\`category\` must be one of ${CATEGORIES.join(', ')} (necessary cookies need no consent); got '${category}'`);
  return follow(`cookiebot({ category: '${category}' })`, (win, update) => {
    const read = () =>
      update(() => {
        const bot = (win as unknown as { Cookiebot?: { hasResponse?: unknown; consent?: Record<string, unknown> } }).Cookiebot;
        return bot?.hasResponse === true ? answer(bot.consent?.[category] === true) : 'undecided';
      });
    for (const event of ['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline']) win.addEventListener(event, read);
    return read;
  });
}
