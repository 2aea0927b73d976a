import { jsonResponse } from './responses.js';

export interface Cors {
  /** False when the request names an origin that is neither this server's nor listed: answer 403. */
  allowed: boolean;
  /** For every answer: the CORS headers an allowed origin gets, and `Vary: Origin` for caches. */
  headers: Record<string, string>;
}

function ownOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Which pages may call a browser-facing handler: requests without `Origin` (same-origin GETs), those
 * from this server's own origin (same-origin POSTs, beacons), and `allowedOrigins`. Not authentication.
 */
export function corsFor(request: Request, allowedOrigins: readonly string[]): Cors {
  const origin = request.headers.get('origin');
  const allowed = origin === null || origin === ownOrigin(request.url) || allowedOrigins.includes(origin);
  const headers: Record<string, string> = origin && allowed ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
  return { allowed, headers };
}

/** The answer to an allowed origin's preflight. */
export function preflight(cors: Cors, methods: string): Response {
  return jsonResponse(204, null, { ...cors.headers, 'access-control-allow-methods': methods, 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' });
}
