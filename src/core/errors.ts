/** The one way the library says a caller got something wrong: a `TypeError` naming the function. */
export function fail(scope: string, message: string): never {
  throw new TypeError(`iadvize-bridge ${scope}: ${message}`);
}
