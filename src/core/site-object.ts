/**
 * Helpers of the registry for the page's side of `window.iAdvizeCallbacks`: objects the site owns
 * (frozen, proxies, classes), who is calling, and whether the global still names the bridge's object.
 */

/**
 * Runs `code` on an object the page owns (it may be frozen, or a proxy): a refusal is not an error of
 * ours, only given to `refused` when the registry must say why.
 */
export function attempt(code: () => void, refused?: (error: unknown) => void): boolean {
  try {
    code();
    return true;
  } catch (error) {
    refused?.(error);
    return false;
  }
}

// A class with static methods, or a function with properties, is an object the tag can call too.
export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && (typeof value === 'object' || typeof value === 'function');

// The iAdvize tag is served from iadvize.com hosts (lc., halc., sd., ha., ...).
const TAG_SCRIPT = /\/\/([\w-]+\.)*iadvize\.com[/:]/;

/**
 * Whether the caller of the function that created `trace` is the iAdvize tag's script, read from the
 * stack. Asked only while a site callback runs, where the tag and the site both call
 * `callbacks.onX(...)` and nothing else tells them apart. V8 starts with the message line, Firefox
 * and Safari with the first frame; no stack (a zero `Error.stackTraceLimit`) reads as the site.
 */
export function calledByTag(trace: Error): boolean {
  const lines = String(trace.stack).split('\n');
  return TAG_SCRIPT.test(lines[/^Error/.test(lines[0]!) ? 2 : 1] ?? '');
}

/**
 * A site that redefines `window.iAdvizeCallbacks` (`Object.defineProperty`) after install takes every
 * event from a tag that looks it up late, and nothing on the event path would tell. `holds` is checked
 * now, one second later, then at doubling intervals up to a minute (a property read each time);
 * `lost` is called once, the first time it does not. Returns the function that stops watching.
 */
export function watchGlobal(win: Window, holds: () => boolean, lost: () => void): () => void {
  let timer: number | undefined;
  let delay = 0;
  const check = (): void => {
    let ok = false;
    attempt(() => (ok = holds()));
    if (!ok) return lost();
    if (typeof win.setTimeout === 'function') timer = win.setTimeout(check, (delay = Math.min(delay * 2 || 1000, 60_000)));
  };
  check();
  return () => win.clearTimeout?.(timer);
}
