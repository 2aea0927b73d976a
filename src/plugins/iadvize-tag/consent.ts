import { isConsentSource, type ConsentSource, type ConsentState } from '../../consent/source.js';

/**
 * How the tag follows consent, the two ways iAdvize's help centre documents ("Consent management"):
 * `'gate'` loads it only once consent is granted; `'coordinated'` loads it at once with
 * `useExplicitCookiesConsent: true` (no cookie until told) and tells it the visitor's choice.
 */
export type ConsentMode = 'gate' | 'coordinated';

/** A consent tool's answer: a consent source followed live, or a function or promise answering once. */
export type TagConsent = ConsentSource | (() => boolean | Promise<boolean>) | Promise<boolean>;

/** Why `consent` and `consentMode` cannot be used, in words naming what was written; undefined when they can. */
export function consentProblem(consent: unknown, mode: unknown, name: (key: 'consent' | 'consentMode') => string): string | undefined {
  const thenable = typeof (consent as { then?: unknown } | undefined)?.then === 'function';
  if (consent !== undefined && typeof consent !== 'function' && !thenable && !isConsentSource(consent))
    return `${name('consent')} must be a consent source (such as tcf()), a function or a promise`;
  if (mode !== undefined && mode !== 'gate' && mode !== 'coordinated')
    return `${name('consentMode')} must be 'gate' or 'coordinated', not ${typeof mode === 'string' ? `'${mode}'` : typeof mode}`;
  if (mode === 'coordinated' && consent === undefined) return `${name('consentMode')} 'coordinated' needs ${name('consent')}`;
  return undefined;
}

/**
 * Calls `decide` with each decision of `consent` on `win`: a source's current one (if made) then
 * each change, undecided never; a function's or a promise's answer once. Returns the unsubscribe.
 */
export function followConsent(
  consent: TagConsent,
  win: Window,
  decide: (yes: boolean) => void,
  report: (error: unknown) => void,
): () => void {
  if (isConsentSource(consent)) {
    const onState = (state: ConsentState): void => {
      if (state === 'granted' || state === 'denied') decide(state === 'granted');
    };
    const stop = consent.subscribe(win, onState);
    onState(consent.state(win));
    return stop;
  }
  new Promise<boolean>((resolve) => resolve(typeof consent === 'function' ? consent() : consent)).then(
    (yes) => decide(yes === true),
    report,
  );
  return () => {};
}

/** Tells the tag the visitor's choice through the Web SDK queue: run by the tag once it is there, at once after. */
export function tellConsent(host: { iAdvizeInterface?: unknown }, yes: boolean, guard: (code: () => void, type: string) => void): void {
  const queue = (host.iAdvizeInterface ??= []) as unknown[];
  const set = (sdk: { set(key: string, value: boolean): void }) => guard(() => sdk.set('visitor:cookiesConsent', yes), 'consent');
  guard(() => void queue.push(set), 'consent');
}
