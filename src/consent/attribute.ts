import type { TagConsent } from '../plugins/iadvize-tag/consent.js';
import { axeptio } from './axeptio.js';
import { cookiebot } from './cookiebot.js';
import { didomi } from './didomi.js';
import { googleConsentMode } from './google-consent-mode.js';
import { oneTrust } from './one-trust.js';
import type { ConsentSource } from './source.js';
import { tarteaucitron } from './tarteaucitron.js';
import { tcf } from './tcf.js';

export const CONSENT_FORMS =
  'data-consent alone (wait for IAdvizeBridge.bridge.tag.load()), "tcf", "tcf:1,7", "gcm:functionality_storage", "didomi:<vendor id>", "onetrust:<group id>", "axeptio:<vendor>", "cookiebot:<category>", "tarteaucitron"';

// Ids as consent tools write them: Didomi's "c:iadvize-AbC12", OneTrust's "C0003".
const ID = /^[\w.:-]{1,64}$/;
const list = (text: string, item: RegExp): string[] | undefined => {
  const items = text.split(',').map((part) => part.trim());
  return items.every((part) => item.test(part)) ? items : undefined;
};
// Google Consent Mode v2's types; Cookiebot's categories (Cookiebot.consent.<category>).
const GCM_TYPE =
  /^(ad_storage|ad_user_data|ad_personalization|analytics_storage|functionality_storage|personalization_storage|security_storage)$/;
const COOKIEBOT = /^(necessary|preferences|statistics|marketing)$/;
const ID_SOURCES: Record<string, (id: string) => ConsentSource> = {
  didomi: (vendor) => didomi({ vendor }),
  onetrust: (group) => oneTrust({ group }),
  axeptio: (vendor) => axeptio({ vendor }),
};

/** The consent source `data-consent="<tool>[:<what>]"` names, or undefined for a value it cannot read. */
function sourceOf(value: string, sid: string): ConsentSource | undefined {
  const colon = value.indexOf(':');
  const tool = (colon < 0 ? value : value.slice(0, colon)).trim().toLowerCase();
  const rest = colon < 0 ? undefined : value.slice(colon + 1).trim();
  if (rest === undefined) {
    if (tool === 'tcf') return tcf();
    return tool === 'tarteaucitron' ? tarteaucitron({ sid }) : undefined;
  }
  if (tool === 'tcf') {
    const purposes = list(rest, /^([1-9]|1[01])$/);
    return purposes && tcf({ purposes: purposes.map(Number) });
  }
  if (tool === 'gcm') {
    const types = list(rest, GCM_TYPE);
    return types && googleConsentMode({ types });
  }
  if (tool === 'cookiebot') return COOKIEBOT.test(rest) ? cookiebot({ category: rest }) : undefined;
  return Object.prototype.hasOwnProperty.call(ID_SOURCES, tool) && ID.test(rest) ? ID_SOURCES[tool](rest) : undefined;
}

/** Never answers: the tag waits for `tag.load()`. */
export const HOLD = (): Promise<boolean> => new Promise<boolean>(() => {});

/**
 * The tag's consent from `data-consent`: present and empty (or true, yes, 1) holds the tag for
 * `tag.load()`; a consent tool's name follows it. undefined for a value it cannot read.
 */
export function consentFromAttribute(value: string, sid: string): TagConsent | undefined {
  if (/^\s*(|true|yes|1)\s*$/i.test(value)) return HOLD();
  return value.length > 200 ? undefined : sourceOf(value, sid);
}
