/**
 * What of a URL may leave the page: links an operator pushes and offers can carry a visitor's
 * email, phone number, session or order token. Only `http:`/`https:` URLs are kept, as origin and
 * path, without user info, query, fragment or matrix parameters (`;jsessionid=...`), and with every
 * path segment that looks like an email address, a long digit run (phone, card, order number) or a
 * token (a UUID, a JWT, a long run mixing letters and digits: order-status, checkout, password-reset
 * links) replaced by a placeholder. Segments are judged decoded (twice-encoded too) and NFKC-normalised,
 * so fullwidth `＠` or digits are what they look like. Any other well-known scheme is reduced to the scheme (`mailto:`,
 * `tel:`); anything else is left out, since "jane:secret@host" would otherwise send "jane:".
 */

/** Stands for a path segment that held an email address. */
export const EMAIL_SEGMENT = '[email]';
/** Stands for a path segment that held a run of 8 digits or more, separators aside. */
export const NUMBER_SEGMENT = '[number]';
/** Stands for a path segment that held a token: a UUID, a JWT, a long run mixing letters and digits. */
const TOKEN_SEGMENT = '[token]';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const OTHER_SCHEMES = [
  'mailto',
  'tel',
  'sms',
  'callto',
  'facetime',
  'skype',
  'whatsapp',
  'viber',
  'tg',
  'geo',
  'maps',
  'ftp',
  'sftp',
  'file',
  'data',
  'blob',
  'javascript',
  'intent',
  'market',
  'itms-apps',
];
// Phone and card numbers come with any separators between digits: spaces, dots, dashes, slashes, commas...
const LONG_DIGIT_RUN = /\d(?:[^\p{L}\d]{0,3}\d){7}/u;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The segment as it reads: percent-decoded until it stops changing (a few rounds), then NFKC-normalised. */
function readable(segment: string): string {
  let value = segment;
  for (let round = 0; round < 3; round++) {
    let next = value;
    try {
      next = decodeURIComponent(value);
    } catch {
      // a lone % stays as it is
    }
    if (next === value) break;
    value = next;
  }
  return value.normalize('NFKC');
}

/** A piece between separators, 16 characters or more, with letters and digits mixed: a token, not a word. */
const isTokenPiece = (piece: string): boolean => piece.length >= 16 && /\d.*\d/.test(piece) && /[a-z].*[a-z]/i.test(piece);

function safeSegment(segment: string): string {
  const kept = segment.split(';')[0];
  const value = readable(kept);
  if (value.includes('@')) return EMAIL_SEGMENT;
  if (LONG_DIGIT_RUN.test(value)) return NUMBER_SEGMENT;
  if (UUID.test(value) || value.split(/[-._~+/=]/).some(isTokenPiece)) return TOKEN_SEGMENT;
  return kept;
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
