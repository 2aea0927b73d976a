import { errorResponse, jsonResponse } from './responses.js';

export interface Cors {
  /** False when the request names an origin that is neither this server's nor listed: answer 403. */
  allowed: boolean;
  /** For every answer: the CORS headers an allowed origin gets, and `Vary: Origin` for caches. */
  headers: Record<string, string>;
}

/** The origin of `url` (resolved against `base`) as a browser writes it, or undefined when it is no URL. */
export function originOf(url: string, base?: string): string | undefined {
  try {
    return new URL(url, base).origin;
  } catch {
    return undefined;
  }
}

/**
 * Which pages may call a browser-facing handler: requests without `Origin` (same-origin GETs) unless
 * `Sec-Fetch-Site` says another site sent them, those
 * from the site's own origin (same-origin POSTs, beacons), and `allowedOrigins`. Not authentication.
 * The site's own origin is `publicOrigins` when the site names them, else the request URL's: never
 * what forwarded headers say, which whoever reaches the server can write.
 */
export function corsFor(request: Request, allowedOrigins: readonly string[], publicOrigins?: readonly string[]): Cors {
  const origin = request.headers.get('origin');
  const own = publicOrigins ? publicOrigins.includes(origin ?? '') : origin === originOf(request.url);
  // No Origin, but the browser says another site sent it: refused like a foreign Origin.
  const allowed = origin === null ? request.headers.get('sec-fetch-site') !== 'cross-site' : own || allowedOrigins.includes(origin);
  const headers: Record<string, string> =
    origin && allowed ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
  return { allowed, headers };
}

/** An error answer to a browser: `{ error: code, message }` with the CORS headers, and `extra` ones. */
export type CorsError = (status: number, code: string, message: string, extra?: Record<string, string>) => Response;

export const corsError =
  (cors: Cors): CorsError =>
  (status, code, message, extra = {}) =>
    errorResponse(status, code, message, { ...cors.headers, ...extra });

/** The answer to an allowed origin's preflight. */
export function preflight(cors: Cors, methods: string): Response {
  return jsonResponse(204, null, {
    ...cors.headers,
    'access-control-allow-methods': methods,
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
  });
}

/**
 * `value` (an origin or a list of them) as origins the way browsers write `Origin`: lower case, no
 * default port, no trailing slash. A path, query, user info or a scheme other than http(s) is a
 * `fail` naming what was written and what to write instead.
 */
export function originList(value: unknown, name: string, fail: (message: string) => never, emptyIsFine = false): string[] {
  const list: unknown = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || (list.length === 0 && !emptyIsFine))
    fail(`\`${name}\` must be an origin or a list of them, e.g. 'https://shop.example'`);
  return (list as unknown[]).map((written) => {
    let url: URL | undefined;
    try {
      url = new URL(String(written));
    } catch {
      url = undefined;
    }
    const shown = JSON.stringify(written);
    if (typeof written !== 'string' || !url || !/^https?:$/.test(url.protocol) || !/^https?:\/\//i.test(written)) {
      fail(
        `\`${name}\`: ${shown} is not an origin: write the scheme and host the browser shows, e.g. 'https://${url?.host || (typeof written === 'string' && written !== 'null' ? written : 'shop.example')}'`,
      );
    }
    if (written.includes('*'))
      fail(
        `\`${name}\`: ${shown} is a pattern, and origins are compared exactly: list each origin, e.g. '${url.origin.replace(/\*\.?/g, '')}'`,
      );
    if (url.username || url.password) fail(`\`${name}\`: ${shown} has user info: write '${url.origin}'`);
    if (url.pathname !== '/' || /[?#]/.test(written))
      fail(`\`${name}\`: ${shown} has a path, query or fragment, and an origin is only scheme://host[:port]: write '${url.origin}'`);
    return url.origin;
  });
}
