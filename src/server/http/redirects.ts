/**
 * Whether a `fetch` answer (made with `redirect: 'manual'`) is a redirect, which the server entry
 * never follows: its URL or headers carry a secret (the API key, the Measurement Protocol secret).
 * Some runtimes show it as an opaque answer of status 0, others as the 3xx itself.
 */
export const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
