/**
 * The one place where user, site and vendor code runs on behalf of the iAdvize tag.
 * Whatever it throws is reported, never rethrown: an exception that reaches the tag can
 * stop the chat widget for the visitor.
 */

/** Where a reported error came from. */
export interface ErrorContext {
  /**
   * `listener`: a `bridge.on` listener; `callback`: the site's own iAdvizeCallbacks function; `plugin`:
   * a plugin (an analytics adapter, the Web SDK, the virtual agent, ...), named in `plugin`.
   */
  source: 'listener' | 'callback' | 'plugin';
  /**
   * The event type being delivered; for `callback`, the callback name (or `iAdvizeCallbacks`: the object
   * could not be read, or was redefined); what the plugin was doing for `plugin`.
   */
  type: string;
  /** The plugin's name, for `plugin`. */
  plugin?: string;
}

export type ErrorHandler = (error: unknown, context: ErrorContext) => void;

/**
 * Calls `fn` (with `self` as `this`) on `arg`; what it throws goes to the error handler, attributed to
 * `source`, `type` and `plugin`. Arguments rather than a context object or a closure: this runs for
 * every listener and plugin of every event, and allocates nothing unless something throws.
 */
export type Guard = <A, S>(
  fn: (this: S, arg: A) => unknown,
  self: S,
  arg: A,
  source: ErrorContext['source'],
  type: string,
  plugin?: string,
) => unknown;
/** Sends an error to the error handler, as the guard does; `owner` is what failed (its messages are logged once). */
export type Report = (error: unknown, owner: object, context: ErrorContext) => void;

const LOG_PREFIX = '[iadvize-bridge]';

/**
 * Writes to the console, which the site may have wrapped (log collectors, error trackers) with code
 * that throws: a failing log line is dropped, never thrown into the tag or the page.
 */
export function log(level: 'info' | 'warn' | 'error', message: string, ...details: unknown[]): void {
  try {
    console[level](`${LOG_PREFIX} ${message}`, ...details);
  } catch {
    // Nowhere left to say it.
  }
}

/**
 * Without `onError`, each owner's error message is logged once, so a listener that fails on
 * every event does not flood the console.
 */
export function createGuard(onError?: ErrorHandler): { guard: Guard; report: Report; setHandler: (handler: ErrorHandler) => void } {
  const logged = new WeakMap<object, Set<string>>();
  const logOnce = (error: unknown, context: ErrorContext, owner: object): void => {
    const message = String(error instanceof Error ? error.message : error);
    const seen = logged.get(owner) ?? new Set<string>();
    if (seen.has(message)) return;
    logged.set(owner, seen.add(message));
    log('error', `${context.source} failed on ${context.type}`, error);
  };
  const report: Report = (error, owner, context) => {
    try {
      if (onError) onError(error, context);
      else logOnce(error, context, owner);
    } catch {
      // An onError that throws must not reach the tag either.
    }
  };
  const guard: Guard = (fn, self, arg, source, type, plugin) => {
    try {
      return fn.call(self, arg);
    } catch (error) {
      // Messages are logged once per owner: the plugin or site function (`self`), else the listener.
      report(error, (self as object | undefined) ?? fn, plugin === undefined ? { source, type } : { source, type, plugin });
      return undefined;
    }
  };
  return { guard, report, setHandler: (handler) => void (onError = handler) };
}
