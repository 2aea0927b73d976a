import { GA_CLIENT_ID, type ChatLink, type LinkConsent } from '../../shared/chat-link.js';

const STATUSES = ['GRANTED', 'DENIED'];
const KEYS = ['analytics', 'ad_user_data', 'ad_personalization'];

/** Why `consent` is not a link's consent (a clear sentence), or undefined when it is one. */
export function linkConsentProblem(consent: unknown): string | undefined {
  if (typeof consent !== 'object' || consent === null || Array.isArray(consent))
    return "consent must be an object { analytics, ad_user_data?, ad_personalization? } of 'GRANTED' or 'DENIED'";
  const fields = consent as Record<string, unknown>;
  const other = Object.keys(fields).find((key) => !KEYS.includes(key));
  if (other !== undefined)
    return `consent holds only analytics, ad_user_data and ad_personalization, not ${JSON.stringify(other.slice(0, 40))}`;
  for (const key of KEYS) {
    const value = fields[key];
    if ((value !== undefined || key === 'analytics') && !STATUSES.includes(value as string))
      return `consent.${key} must be 'GRANTED' or 'DENIED'${key === 'analytics' ? '' : ', or left out'}`;
  }
  return undefined;
}

/**
 * What the store keeps for a link. A link without consent (sent by an older chatLink) is kept as
 * before, its bare client id; a link with consent as JSON. Both are read back by `storedLink`.
 */
export function storedValue(link: ChatLink): string {
  const { clientId, consent } = link;
  return consent ? JSON.stringify({ clientId, consent }) : clientId;
}

/** A stored link read back: undefined when the value is neither form (written by something else). */
export function storedLink(value: string | undefined): Omit<ChatLink, 'conversationId'> | undefined {
  if (value === undefined) return undefined;
  if (!value.startsWith('{')) return GA_CLIENT_ID.test(value) ? { clientId: value } : undefined;
  try {
    const { clientId, consent } = JSON.parse(value) as ChatLink;
    return typeof clientId === 'string' && GA_CLIENT_ID.test(clientId) && !linkConsentProblem(consent) ? { clientId, consent } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The consent of the link `linkedClientId` found for an event, kept beside the event object for the
 * GA4 sink: `clientId(event)` keeps answering a client id, and the sink learns the consent without a
 * second read of the store. No entry: a client id the site found itself, consent not recorded.
 */
export const recordedConsent = new WeakMap<object, LinkConsent | undefined>();
