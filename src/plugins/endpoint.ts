/**
 * Why `endpoint` cannot be the URL of one of the site's own endpoints (link, history), or undefined.
 * A path without its leading slash (`api/link`, `shop.example/api/link`) resolves against each page's
 * own path, so every page would call another URL; user info and fragments have no place in a call.
 */
export function endpointProblem(endpoint: unknown): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(endpoint as string, 'https://site.invalid');
  } catch {
    // said below
  }
  if (typeof endpoint !== 'string' || !/^(\/|https?:\/\/)/i.test(endpoint) || !url) return `\`endpoint\` must be an https: URL or a path from the site root ('/api/...'), not ${JSON.stringify(endpoint)}`;
  // Not echoed: user info may be a password.
  if (url.username || url.password || url.hash || endpoint.indexOf('#') >= 0) return '`endpoint` takes no user info or fragment';
  return undefined;
}
