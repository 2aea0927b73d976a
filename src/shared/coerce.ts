/**
 * How loosely typed values from iAdvize (the tag's callback arguments, API answers, webhooks) become
 * typed ones. Shared by the browser and the server entries, so neither imports the other's code.
 */

/** Ids and texts are strings whatever iAdvize sends: `123` becomes `"123"`. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && isFinite(value)) return String(value);
  return undefined;
}

/** iAdvize's flags are 0/1 (numbers or strings) in some versions and booleans in others. */
export function flag(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}
