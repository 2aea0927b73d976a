import { fail as mistake } from '../../core/errors.js';
import { checkKnownOptions } from '../../shared/known-options.js';

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** The checks every factory of the server entry applies to its options: each failure is a `TypeError` naming the factory. */
export function optionChecks(factory: string) {
  function fail(message: string): never {
    return mistake(`${factory}()`, message);
  }

  /** An options object, without an option the factory does not know (a typo would be quietly ignored). */
  function known(options: unknown, names: readonly string[]): void {
    if (!options || typeof options !== 'object') fail('takes an options object');
    checkKnownOptions(`${factory}()`, options, names);
  }

  function positive(value: unknown, name: string, integer = false): void {
    const ok = typeof value === 'number' && value > 0 && isFinite(value) && (!integer || Number.isInteger(value));
    if (value !== undefined && !ok) fail(`\`${name}\` must be a positive ${integer ? 'integer' : 'number'}`);
  }

  function fn(value: unknown, name: string): void {
    if (value !== undefined && typeof value !== 'function') fail(`\`${name}\` must be a function`);
  }

  /** A secret goes only where this URL says: over TLS, with nothing in the URL to confuse it. */
  function secureUrl(value: unknown, name: string): string {
    let url: URL | undefined;
    try {
      url = new URL(String(value));
    } catch {
      url = undefined;
    }
    const local = url?.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname);
    if (!url || !(url.protocol === 'https:' || local) || url.username || url.password || url.search || url.hash) {
      fail(`\`${name}\` must be an https: URL without credentials, query or fragment (http: only for 127.0.0.1 or localhost)`);
    }
    return url.href.replace(/\/+$/, '');
  }

  /** Fails unless this runtime has WebCrypto; `forWhat` says what the factory needs it for. */
  function webCrypto(forWhat = ''): void {
    if (typeof crypto === 'undefined' || !crypto.subtle)
      fail(`needs WebCrypto (globalThis.crypto)${forWhat}: Node 19 or later, or Node 18 with --experimental-global-webcrypto`);
  }

  return { fail, known, positive, fn, secureUrl, webCrypto };
}
