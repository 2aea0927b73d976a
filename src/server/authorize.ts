import { errorText } from './log.js';

/**
 * Asks the site's own `authorize` check. Anything but a boolean is a bug in it, and fails closed:
 * `failed` (the handler answers 500), logged with `about` (which request it was).
 */
export async function authorization(check: () => unknown, log: (line: string) => void, about: string): Promise<'allowed' | 'denied' | 'failed'> {
  try {
    const verdict: unknown = await check();
    if (verdict === true || verdict === false) return verdict ? 'allowed' : 'denied';
    log(`authorize() returned ${typeof verdict}, not a boolean (${about})`);
  } catch (error) {
    log(`authorize() threw ${errorText(error)} (${about})`);
  }
  return 'failed';
}
