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

/**
 * `address` resolved against `win`'s document, if it is `https:`, or `http:` on the document's own
 * origin: what the page fetches or runs with its rights (an endpoint, the tag). A document whose
 * origin is "null" (srcdoc, sandboxed, about:blank) has no own origin to share, so only `https:`
 * there; `data:`, `blob:` and `javascript:` never.
 */
export function onPage(address: string, win: Window): URL | undefined {
  try {
    const url = new URL(address, win.document.baseURI);
    return url.protocol === 'https:' ||
      (url.protocol === 'http:' && url.origin === ((win as { origin?: string }).origin ?? win.location.origin))
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

/** What to say when `onPage` refuses an endpoint. */
export const notOnPage = (endpoint: string): string => `\`endpoint\` must be an https: URL or on this page's origin (${endpoint})`;
