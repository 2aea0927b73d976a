/**
 * Why `endpoint` cannot be the URL of one of the site's own endpoints (link, history), or undefined.
 * A path without its leading slash (`api/link`, `shop.example/api/link`) resolves against each page's
 * own path, so every page would call another URL; user info and fragments have no place in a call.
 */
export function endpointProblem(endpoint: unknown): string | undefined {
  if (typeof endpoint !== 'string' || !/^(\/|https?:\/\/)/i.test(endpoint)) {
    return `\`endpoint\` must be an https: URL or a path from the site root, such as '/api/iadvize-link' (not ${JSON.stringify(endpoint)}, which each page would resolve against its own path)`;
  }
  try {
    const url = new URL(endpoint, 'https://site.invalid');
    if (!url.username && !url.password && endpoint.indexOf('#') < 0) return undefined;
  } catch {
    // said below
  }
  // Not echoed: user info may be a password.
  return "`endpoint` takes no fragment and no user info";
}
