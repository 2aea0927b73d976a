/**
 * The link between an iAdvize conversation and the visitor's Google Analytics client id, as the
 * browser sends it (`navigator.sendBeacon`, a `text/plain;charset=UTF-8` JSON text, so no CORS
 * preflight) and the server's link endpoint accepts it. Shared so both sides apply the same rules.
 */
export interface ChatLink {
  /** iAdvize's conversation id: the UUID of `onChatStarted`'s `conversationId` and of the webhooks. */
  conversationId: string;
  /** The GA4 client id, as `gtag('get', measurementId, 'client_id', callback)` gives it. */
  clientId: string;
  /**
   * The visitor's consent when the chat started, in the Measurement Protocol's words. Absent in a
   * link sent before consent was recorded: the server then sends both ad fields as `'DENIED'`.
   */
  consent?: LinkConsent;
}

/**
 * What a link records of the visitor's consent. `analytics: 'DENIED'`: nothing of this conversation
 * is sent to GA4. An ad field left out is sent to Google as `'DENIED'`.
 */
export interface LinkConsent {
  analytics: 'GRANTED' | 'DENIED';
  /** As Google's Measurement Protocol spells it. */
  ad_user_data?: 'GRANTED' | 'DENIED';
  ad_personalization?: 'GRANTED' | 'DENIED';
}

/** A UUID, any version, either case (stored lower-case). */
export const CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A GA4 client id as gtag.js makes it: two runs of digits joined by a dot, a random number and the
 * first visit's Unix time in seconds (`1234567890.1234567890`, the end of the `_ga` cookie). Runs of
 * 1 to 20 digits, so older and shorter ids pass; a custom `client_id` of another shape (a UUID set
 * through `gtag('config', ...)`) is refused rather than guessed at.
 */
export const GA_CLIENT_ID = /^\d{1,20}\.\d{1,20}$/;

/** Why `value` is not a chat link (a clear sentence), or undefined when it is one. */
export function chatLinkProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'the body must be a JSON object { conversationId, clientId }';
  const { conversationId, clientId } = value as Record<string, unknown>;
  if (typeof conversationId !== 'string' || !CONVERSATION_ID.test(conversationId))
    return 'conversationId must be the UUID of the iAdvize conversation';
  if (typeof clientId !== 'string' || !GA_CLIENT_ID.test(clientId))
    return 'clientId must be a GA4 client id: two runs of 1 to 20 digits joined by a dot';
  return undefined;
}
