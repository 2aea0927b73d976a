import { errorText } from './log.js';

/** `true`/`false` from the site's check, or the visitor's session key (where the handler takes one). */
export type Verdict = 'allowed' | 'denied' | 'failed' | { sessionKey: string };

const described = (value: unknown) =>
  value === '' ? 'an empty string' : typeof value === 'string' && !value.trim() ? 'a blank string' : value === null ? 'null' : typeof value;

/**
 * Asks the site's own `authorize` check. Anything but a boolean (or, with `takesSessionKey`, a
 * non-blank string) is a bug in it, and fails closed: `failed` (the handler answers 500), logged
 * with `about` (which request it was).
 */
export async function authorization(
  check: () => unknown,
  log: (line: string) => void,
  about: string,
  takesSessionKey = false,
): Promise<Verdict> {
  try {
    const verdict: unknown = await check();
    if (verdict === true || verdict === false) return verdict ? 'allowed' : 'denied';
    if (takesSessionKey && typeof verdict === 'string' && verdict.trim()) return { sessionKey: verdict };
    log(
      `authorize() returned ${described(verdict)}, not a boolean${takesSessionKey ? ' or a session key (a non-empty string)' : ''} (${about})`,
    );
  } catch (error) {
    log(`authorize() threw ${errorText(error)} (${about})`);
  }
  return 'failed';
}
