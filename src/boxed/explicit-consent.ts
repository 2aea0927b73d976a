import { log } from '../core/guard.js';

const KEY = 'iAdvizeInterface';
const UNSET =
  'relayToHost(): iAdvizeInterface.config could not be given useExplicitCookiesConsent: set it in the page, or the tag may set cookies before consent';

/**
 * `iAdvizeInterface.config.useExplicitCookiesConsent = true`, kept through a later `config = { sid, mode }`
 * (iAdvize's boxed-tag iframe script assigns it whole) and a later `window.iAdvizeInterface = [...]`, so
 * the tag waits for the host's consent. A config or queue the page locked is said, never thrown into it.
 */
export function explicitCookiesConsent(win: Window): void {
  const page = win as unknown as Record<string, unknown>;
  let said = false;
  const unset = (error?: unknown): void => {
    if (!said) log('error', UNSET, error);
    said = true;
  };
  const mark = (config: unknown): void => {
    try {
      if (typeof config === 'object' && config) (config as Record<string, unknown>).useExplicitCookiesConsent = true;
    } catch (error) {
      unset(error);
    }
  };
  const keep = (queue: unknown): void => {
    if (typeof queue !== 'object' || !queue) return;
    let config: unknown = (queue as { config?: unknown }).config ?? {};
    mark(config);
    try {
      Object.defineProperty(queue, 'config', {
        configurable: true,
        enumerable: true,
        get: () => config,
        set: (value: unknown) => mark((config = value)),
      });
    } catch (error) {
      unset(error);
    }
  };
  let queue: unknown = (page[KEY] ??= []);
  keep(queue);
  try {
    Object.defineProperty(win, KEY, {
      configurable: true,
      enumerable: true,
      get: () => queue,
      set: (value: unknown) => keep((queue = value)),
    });
  } catch {
    // Declared with `var` by the page: its array keeps the flag; a later one is not followed.
  }
}
