/**
 * The one place where user, site and vendor code runs on behalf of the iAdvize tag.
 * Whatever it throws is reported, never rethrown: an exception that reaches the tag can
 * stop the chat widget for the visitor.
 */

/** Where a reported error came from. */
export interface ErrorContext {
  /**
   * `listener`: a `bridge.on` listener; `adapter`: an adapter; `callback`: the site's own iAdvizeCallbacks
   * function; `sdk`: a Web SDK call made for `bridge.sdk`.
   */
  source: 'listener' | 'adapter' | 'callback' | 'sdk';
  /** The event type being delivered, the callback name for `callback`, the method name for `sdk`. */
  type: string;
  /** The adapter's name, for `adapter`. */
  adapter?: string;
}

export type ErrorHandler = (error: unknown, context: ErrorContext) => void;

/** Runs `code`; what it throws goes to the error handler. `owner` is the function or adapter that failed. */
export type Guard = (code: () => void, owner: object, context: ErrorContext) => void;
/** Sends an error to the error handler, as the guard does. */
export type Report = (error: unknown, owner: object, context: ErrorContext) => void;

export const LOG_PREFIX = '[iadvize-bridge]';

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
export function createGuard(onError?: ErrorHandler): { guard: Guard; report: Report } {
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
  const guard: Guard = (code, owner, context) => {
    try {
      code();
    } catch (error) {
      report(error, owner, context);
    }
  };
  return { guard, report };
}
