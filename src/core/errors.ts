// The errors `fail()` made: a plugin's own option error raised in its setup is the caller's mistake,
// thrown where install() or use() was called, while anything else a setup throws stays guarded.
const OWN = new WeakSet<object>();

/** The one way the library says a caller got something wrong: a `TypeError` naming the function. */
export function fail(scope: string, message: string): never {
  const error = new TypeError(`iadvize-bridge ${scope}: ${message}`);
  OWN.add(error);
  throw error;
}

/** Whether `error` is one `fail()` threw: a mistake in what the caller wrote. */
export const isMistake = (error: unknown): boolean => OWN.has(error as object);
