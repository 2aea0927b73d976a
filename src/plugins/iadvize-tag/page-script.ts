/** The page's own scripts, as the tag loader reads them: the page's iAdvize snippet, and the nonce a strict policy gives scripts. */

// iAdvize's snippets load the tag from an iadvize.com host (lc., halc., sd., ha., ...), legacy ones with `?sid=`.
const IADVIZE_TAG = /^https?:\/\/([\w-]+\.)*iadvize\.com\/iadvize\.js([?#]|$)/;
// Scripts a browser runs: no type or a JavaScript one, or a module; consent tools hold scripts back as text/plain.
const RUNNABLE = /^(|module|(text|application)\/(x-)?(java|ecma)script)$/i;
const runs = (script: HTMLScriptElement): boolean => RUNNABLE.test(script.type.trim()) && !script.noModule;

/** The page's own script element loading the tag (its snippet, a tag manager's) and that will run, if any. */
export function pageScript(document: Document, src: string): HTMLScriptElement | undefined {
  for (const script of document.querySelectorAll<HTMLScriptElement>('script[src]'))
    if ((script.src === src || IADVIZE_TAG.test(script.src)) && runs(script)) return script;
  return undefined;
}

/**
 * How a page script that finished before the loader looked at it ended, from the page's resource
 * timing (its load and error events are gone): `failed` for an HTTP error, else `loaded`; undefined
 * while it is still on its way.
 */
export function finished(win: Window, src: string): 'loaded' | 'failed' | undefined {
  const entry = win.performance?.getEntriesByName?.(src)?.[0] as { responseStatus?: number } | undefined;
  if (!entry) return undefined;
  return (entry.responseStatus ?? 0) >= 400 ? 'failed' : 'loaded';
}

/**
 * The nonce of the script element running as this module is evaluated: the script-tag build's own
 * element, or a classic-script bundle's. A tag loaded later (a consent click, a timer) runs when no
 * script is current, so it is read now. An ES module has no current script: see `pageNonce`.
 */
export const OWN_NONCE = typeof document === 'undefined' ? undefined : (document.currentScript as HTMLScriptElement | null)?.nonce;
/** Under a nonce-based policy every script the page allowed carries the same nonce: the first one's, read at install. */
export const pageNonce = (win: Window): string | undefined => {
  // Only a script that runs was allowed by the policy: a held-back `text/plain` one may carry anything.
  for (const script of win.document.querySelectorAll<HTMLScriptElement>('script[nonce]'))
    if (runs(script) && script.nonce) return script.nonce;
  return undefined;
};
