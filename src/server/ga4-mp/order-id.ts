// What a site types as a transaction's external id is not always an order number: an email, a card
// or phone number, a session token. None of them may reach GA4 as `transaction_id`.
/** An at sign (full-width too), or one spelt out: `(at)`, `[at]`, `jane at example dot com`. */
const EMAIL = /[@\uFF20]|[([]\s*at\s*[)\]]|\bat\b.+\bdot\b/i;
/** 8 digits or more of any script, up to 3 separators between them: a card, a phone, an account number. */
const DIGITS = /\p{Nd}(?:[^\p{L}\p{Nd}]{0,3}\p{Nd}){7,}/u;
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
    // Whole: `m` is dropped too, with which `^` and `$` would match at a line break inside the id.
    const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gmy]/g, ''));
    return (externalId) => whole.test(externalId);
  }
  return (externalId) => !EMAIL.test(externalId) && !DIGITS.test(externalId) && !TOKEN.test(externalId);
}
