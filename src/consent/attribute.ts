import type { TagConsent } from '../plugins/iadvize-tag/consent.js';
import { axeptio } from './axeptio.js';
import { cookiebot } from './cookiebot.js';
import { didomi } from './didomi.js';
import { googleConsentMode } from './google-consent-mode.js';
import { oneTrust } from './one-trust.js';
import type { ConsentSource } from './source.js';
import { tarteaucitron } from './tarteaucitron.js';
import { tcf } from './tcf.js';

const CONSENT_FORMS =
  'data-consent alone (then call IAdvizeBridge.bridge.tag.load()), tcf, tcf:1,7, gcm:functionality_storage, didomi:<vendor id>, onetrust:<group id>, axeptio:<vendor>, cookiebot:<category>, tarteaucitron';

// Ids as consent tools write them: Didomi's "c:iadvize-AbC12", OneTrust's "C0003".
const ID = /^[\w.:-]{1,64}$/;
/** Each tool after `tool:`: what one item is, and the source. tcf and gcm take a comma-separated list. */
const TOOLS: Record<string, [item: RegExp, make: (items: string[]) => ConsentSource]> = {
  tcf: [/^([1-9]|1[01])$/, (purposes) => tcf({ purposes: purposes.map(Number) })],
  // Google Consent Mode v2's types.
  gcm: [
    /^((ad|analytics|functionality|personalization|security)_storage|ad_user_data|ad_personalization)$/,
    (types) => googleConsentMode({ types }),
  ],
  didomi: [ID, ([vendor]) => didomi({ vendor })],
  onetrust: [ID, ([group]) => oneTrust({ group })],
  axeptio: [ID, ([vendor]) => axeptio({ vendor })],
  // Cookiebot's categories, Cookiebot.consent.<category>.
  cookiebot: [/^(preferences|statistics|marketing)$/, ([category]) => cookiebot({ category })],
};

/** Never answers: the tag waits for `tag.load()`. */
export const HOLD = (): Promise<boolean> => new Promise<boolean>(() => {});
const BARE = /^\s*(|true|yes|1)\s*$/i;

/** How a script-tag build reads `data-consent`: its parser, and the forms it accepts, for the message. */
export interface ConsentReader {
  read(this: void, value: string, sid: string | undefined): TagConsent | undefined;
  forms: string;
}

/**
 * The tag's consent from `data-consent`: present and empty (or true, yes, 1) holds the tag for
 * `tag.load()`; `tool` or `tool:what` follows that consent tool. undefined for a value it cannot read.
 */
function consentFromAttribute(value: string, sid: string | undefined): TagConsent | undefined {
  if (BARE.test(value)) return HOLD();
  const [, tool = '', rest] = value.length > 200 ? [] : (/^\s*(\w+)(?::(.*?))?\s*$/s.exec(value) ?? []);
  const name = tool.toLowerCase();
  // A source refuses what its tool would not take (a site id that is not one): unreadable, never thrown into the page.
  try {
    if (rest === undefined) return name === 'tcf' ? tcf() : name === 'tarteaucitron' ? tarteaucitron({ sid }) : undefined;
    if (!Object.prototype.hasOwnProperty.call(TOOLS, name)) return undefined;
    const [item, make] = TOOLS[name];
    const items = name === 'tcf' || name === 'gcm' ? rest.split(/\s*,\s*/) : [rest];
    return items.every((one) => item.test(one)) ? make(items) : undefined;
  } catch {
    return undefined;
  }
}

/** The full build's reading: every consent tool. */
export const TOOL_CONSENT: ConsentReader = { read: consentFromAttribute, forms: CONSENT_FORMS };

/**
 * The default build's reading: `data-consent` alone. The consent tools' sources would more than double
 * what consent costs that build, so naming one asks for the full build, and the tag is held meanwhile.
 */
export const BARE_CONSENT: ConsentReader = {
  read: (value) => (BARE.test(value) ? HOLD() : undefined),
  forms:
    'data-consent alone, then IAdvizeBridge.bridge.tag.load(); a consent tool (tcf, gcm, didomi, onetrust, axeptio, cookiebot, tarteaucitron) needs iadvize-bridge.full.iife.min.js',
};
