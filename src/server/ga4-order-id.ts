// What a site types as a transaction's external id is not always an order number: an email, a card
// or phone number, a session token. None of them may reach GA4 as `transaction_id`.
const EMAIL = /[^\s@]+@[^\s@]+/;
/** 8 digits or more, spaces, dots or dashes between them allowed: a card, a phone, an account number. */
const DIGITS = /\d(?:[ .-]?\d){7,}/;
/** 20 characters or more of base64, base64url or hex, letters and digits mixed: a token, a key, a UUID. */
const TOKEN = /(?=[A-Za-z0-9_+/=-]*\d)(?=[A-Za-z0-9_+/=-]*[A-Za-z])[A-Za-z0-9_+/=-]{20,}/;

/**
 * Whether an `externalId` may be sent as `transaction_id`: the whole of it matches `pattern` when the
 * site gives one, else it holds none of an email, a run of 8 or more digits, or a token.
 * @example
 * const isOrderId = orderIdCheck(/^ORD-\d{4}-\d{6}$/)
 */
export function orderIdCheck(pattern: RegExp | undefined): (externalId: string) => boolean {
  if (pattern) {
    const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
    return (externalId) => whole.test(externalId);
  }
  return (externalId) => !EMAIL.test(externalId) && !DIGITS.test(externalId) && !TOKEN.test(externalId);
}
