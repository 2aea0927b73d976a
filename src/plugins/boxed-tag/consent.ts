import { log } from '../../core/guard.js';
import { globalsOf } from '../../core/window.js';
import { followConsent, tellConsent, type TagConsent } from '../iadvize-tag/consent.js';

interface BoxedConsent {
  consent: TagConsent;
  coordinated: boolean;
  win: Window;
  element(this: void): HTMLIFrameElement | null;
  origin: string;
  guard(this: void, code: () => void, type: string): void;
  report(this: void, error: unknown): void;
}

/**
 * The boxed tag follows consent as a tag in the page does: coordinated, it is told each decision; gate,
 * the iframe's `data-src` becomes its `src` once granted (waiting for the iframe to be parsed, if need
 * be), and a later decision is told. `retell()` tells a tag that started anew (its iframe reloaded) the last one.
 */
export function followBoxedConsent({ consent, coordinated, win, element, origin, guard, report }: BoxedConsent) {
  let opened = false;
  let told: boolean | undefined;
  let latest = false;
  let waiting = false;
  const tell = (yes: boolean): void => {
    told = yes;
    tellConsent(globalsOf(win), yes, guard);
  };
  const parsed = (): void => {
    win.document.removeEventListener('DOMContentLoaded', parsed);
    win.removeEventListener('load', parsed);
    waiting = false;
    if (!opened) decide(latest);
  };
  function decide(yes: boolean): void {
    latest = yes;
    if (coordinated || opened) return tell(yes);
    if (!yes || waiting) return;
    // A bridge in the page's head may hear a stored choice before the body, and the iframe, are parsed: tried again then.
    if (!element()) {
      win.document.addEventListener('DOMContentLoaded', parsed, { once: true });
      win.addEventListener('load', parsed, { once: true });
      if (win.document.readyState !== 'complete') return void (waiting = true);
    }
    opened = open(element(), origin, win);
  }
  const stop = followConsent(consent, win, decide, report);
  return {
    retell: (): void => void (told !== undefined && tell(told)),
    stop(): void {
      stop();
      win.document.removeEventListener('DOMContentLoaded', parsed);
      win.removeEventListener('load', parsed);
    },
  };
}

/** Gate mode: the iframe's address, kept in `data-src` until consent, becomes its `src`, if it is on `origin`. */
function open(element: HTMLIFrameElement | null, origin: string, win: Window): boolean {
  const address = element?.getAttribute('data-src');
  let on: string | undefined;
  try {
    on = new URL(address ?? '', win.location.href).origin;
  } catch {
    // Said below.
  }
  if (!element || !address || on !== origin) {
    log('error', `boxedTag(): consent is granted but the iframe has no data-src on ${origin} to load: the boxed tag stays closed`);
    return false;
  }
  element.src = address;
  return true;
}
