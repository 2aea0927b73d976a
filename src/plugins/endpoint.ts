/**
 * Why `endpoint` cannot be the URL of one of the site's own endpoints (link, history), or undefined.
 * A path without its leading slash (`api/link`, `shop.example/api/link`) resolves against each page's
 * own path, so every page would call another URL; user info and fragments have no place in a call.
 * A root path must stay on the page's origin: `//host`, `/\host` and a tab or newline the URL parser
 * drops (`/<TAB>/host`) all name another host, so they are refused before the parser sees them.
 */
export function endpointProblem(endpoint: unknown): string | undefined {
  const problem = `\`endpoint\` must be an https: URL or a path from the site root ('/api/...'), not ${JSON.stringify(endpoint)}`;
  if (typeof endpoint !== 'string' || /[\t\n\r]/.test(endpoint) || !/^(\/(?![/\\])|https?:\/\/)/i.test(endpoint)) return problem;
  let url: URL;
  try {
    url = new URL(endpoint, ORIGIN);
  } catch {
    return problem;
  }
  if (endpoint[0] === '/' && url.origin !== ORIGIN) return problem;
  // Not echoed: user info may be a password.
  if (url.username || url.password || url.hash || endpoint.indexOf('#') >= 0) return '`endpoint` takes no user info or fragment';
  return undefined;
}
const ORIGIN = 'https://site.invalid';

/** `endpoint` (checked by `endpointProblem`) on `win`'s page, or undefined unless it is https: or on the page's own origin. */
export function endpointOn(endpoint: string, win: Window): URL | undefined {
  try {
    const url = new URL(endpoint, win.location.href);
    return url.protocol === 'https:' || url.origin === win.location.origin ? url : undefined;
  } catch {
    return undefined;
  }
}

/** What to say when `endpointOn` finds nothing. */
export const notOnPage = (endpoint: string): string => `\`endpoint\` must be an https: URL or on this page's origin (${endpoint})`;
