/**
 * What of a URL may leave the page: links an operator pushes and offers can carry a visitor's
 * email, phone number, session or order token. Only `http:`/`https:` URLs are kept, as origin and
 * path, without user info, query, fragment or matrix parameters (`;jsessionid=...`), and with every
 * path segment that looks like an email address or a long digit run (phone, card, order number)
 * replaced by a placeholder. Any other well-known scheme is reduced to the scheme (`mailto:`,
 * `tel:`); anything else is left out, since "jane:secret@host" would otherwise send "jane:".
 */

/** Stands for a path segment that held an email address. */
export const EMAIL_SEGMENT = '[email]';
/** Stands for a path segment that held a run of 8 digits or more, separators aside. */
export const NUMBER_SEGMENT = '[number]';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const OTHER_SCHEMES = ['mailto', 'tel', 'sms', 'callto', 'facetime', 'skype', 'whatsapp', 'viber', 'tg', 'geo', 'maps', 'ftp', 'sftp', 'file', 'data', 'blob', 'javascript', 'intent', 'market', 'itms-apps'];
// Phone numbers and card numbers are written with spaces, dots, dashes, slashes or parentheses.
const LONG_DIGIT_RUN = /\d(?:[\s().+-]*\d){7}/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function safeSegment(segment: string): string {
  const value = decode(segment.split(';')[0]!);
  if (value.includes('@')) return EMAIL_SEGMENT;
  if (LONG_DIGIT_RUN.test(value)) return NUMBER_SEGMENT;
  return segment.split(';')[0]!;
}

/** `url` as it may be sent to an analytics tool, or undefined when nothing of it may. */
export function safeUrl(url: string): string | undefined {
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return OTHER_SCHEMES.indexOf(scheme) >= 0 ? `${scheme}:` : undefined;
  let parsed: URL;
  try {
    // A path without a host ("/size-guide?ref=chat") keeps its path only.
    parsed = new URL(url, 'https://relative.invalid');
  } catch {
    return undefined;
  }
  const path = parsed.pathname.split('/').map(safeSegment).join('/');
  if (scheme === undefined) return url.startsWith('/') && !url.startsWith('//') ? path : undefined;
  return `${parsed.protocol}//${parsed.host}${path}`;
}
