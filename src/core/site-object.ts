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
export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function');

// The iAdvize tag is served from iadvize.com hosts (lc., halc., sd., ha., ...): the frame's script address, not its text.
const TAG_SCRIPT = /^https?:\/\/([\w-]+\.)*iadvize\.com(:\d+)?\//;
// V8 `    at name (url:line:col)` or `    at url:line:col`; Firefox and Safari `name@url:line:col`.
const FRAME_URL = /(?:\(|@|at )(\S+?):\d+:\d+\)?$/;
// Kept from load time: a page that replaces `window.Error` cannot answer for the tag.
const NativeError = Error as ErrorConstructor & { stackTraceLimit?: number };

/**
 * Whether the caller of `link` (the bridge's function the tag was given) is the iAdvize tag's script,
 * read from the stack. Asked only while a site callback runs, where the tag and the site both call
 * `callbacks.onX(...)` and nothing else tells them apart. Builtins between them (`forEach`) are
 * skipped; a stack that cannot be read, or that throws (`Error.prepareStackTrace`), reads as the site.
 */
export function calledByTag(): boolean {
  const limit = NativeError.stackTraceLimit;
  try {
    // A page that lowered the limit would hide the caller.
    if (typeof limit === 'number' && limit < 8) NativeError.stackTraceLimit = 8;
    const lines = String(new NativeError().stack).split('\n');
    // The first lines are the message (V8), this function and the link.
    for (const line of lines.slice(/^Error/.test(lines[0]) ? 3 : 2)) {
      const url = FRAME_URL.exec(line.trim())?.[1];
      if (url) return TAG_SCRIPT.test(url);
    }
    return false;
  } catch {
    return false;
  } finally {
    if (typeof limit === 'number') NativeError.stackTraceLimit = limit;
  }
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
