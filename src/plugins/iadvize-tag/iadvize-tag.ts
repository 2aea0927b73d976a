import { fail } from '../../core/errors.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import { onPage } from '../endpoint.js';
import { log } from '../../core/guard.js';
import type { Plugin } from '../../core/plugin.js';
import { TAG_EVENTS, type IAdvizeTagEvents } from './events.js';
export type { IAdvizeTagEvents } from './events.js';
import { globalsOf, type IAdvizeWindow } from '../../core/window.js';
import { consentProblem, followConsent, tellConsent, type ConsentMode, type TagConsent } from './consent.js';
import { OWN_NONCE, finished, pageNonce, pageScript } from './page-script.js';

/** Where loading the iAdvize tag stands on this page. */
export type TagStatus = 'idle' | 'waiting-for-consent' | 'loading' | 'loaded' | 'failed';

export interface IAdvizeTagOptions {
  /** The iAdvize site id (digits). */
  sid: string | number;
  /** The language of the chat, e.g. `'fr'` or `'en'`. */
  lang?: string | undefined;
  /** The tag's address. Default `https://halc.iadvize.com/iadvize.js`; `https:`, or `http:` on the page's own origin. */
  src?: string | undefined;
  /**
   * The nonce a strict Content-Security-Policy gives scripts. By default, read once, when the bridge
   * first runs: its own script element's (the script-tag build, a classic-script bundle), else the first
   * nonce of the page's scripts (an ES module, which has no script element of its own), at install.
   */
  nonce?: string | undefined;
  /**
   * The visitor's consent for the chat: a consent source (`tcf()`, `didomi({ vendor })`, ...) followed
   * live, or a function answering a boolean (or a promise of one), or a promise. `tag.load()` loads anyway.
   */
  consent?: TagConsent | undefined;
  /**
   * `'gate'` (default): the tag loads once consent is granted, never before; a withdrawal after it
   * loaded tells it `visitor:cookiesConsent` false (a script that ran cannot be unloaded).
   * `'coordinated'` (iAdvize's recommended mode): the tag loads at once with
   * `useExplicitCookiesConsent: true`, then is told each decision through the Web SDK.
   */
  consentMode?: ConsentMode | undefined;
}

export interface TagLoader {
  /** Where loading the tag stands; also announced by the `tag:*` events. */
  readonly status: TagStatus;
  /** Loads the tag now, consent or not (the site's own decision); once per page. */
  load(): void;
}

export const DEFAULT_TAG_SRC = 'https://halc.iadvize.com/iadvize.js';
const SCOPE = 'iadvizeTag()';

/** The page's one loading of the tag, shared by every bridge and script include on the page. */
interface PageTag {
  status: TagStatus;
  src?: string;
  /** What the tag was last told of the visitor's consent. */
  told?: boolean;
  listeners: Set<(status: TagStatus) => void>;
}
const PAGE_TAG = Symbol.for('iadvize-bridge.tag');

/** How a message names an option as the user wrote it, and shows a good value: `sid` and `sid: '1234'`, or `data-sid="x"` and `data-sid="1234"`. */
export interface OptionNames {
  name(this: void, key: keyof IAdvizeTagOptions): string;
  example(this: void, key: keyof IAdvizeTagOptions, value: string): string;
}
const OPTION_NAMES: OptionNames = { name: (key) => `\`${key}\``, example: (key, value) => `${key}: '${value}'` };
export const BAD_SRC = "must be an https: URL, or http: on this page's own origin (never data:, blob: or javascript:)";

/** The first mistake in `options`, in words that name what the user wrote and what it accepts. */
export function optionsProblem(options: IAdvizeTagOptions, { name, example }: OptionNames): string | undefined {
  const { sid, lang, src, nonce, consent, consentMode } = options;
  if (!/^\d{1,12}$/.test(String(sid ?? ''))) return `${name('sid')} must be your iAdvize site id, digits such as ${example('sid', '1234')}`;
  if (lang !== undefined && (typeof lang !== 'string' || !/^[a-z]{2}(-[A-Za-z]{2})?$/.test(lang)))
    return `${name('lang')} must be a language code such as ${example('lang', 'fr')}`;
  if (src !== undefined && (typeof src !== 'string' || !src)) return `${name('src')} must be the URL of the tag`;
  if (nonce !== undefined && typeof nonce !== 'string') return `${name('nonce')} must be a string`;
  return consentProblem(consent, consentMode, name);
}

/** `src` on the page (`onPage`): the tag runs with the page's rights. */
export const tagUrl = (win: Window, src: string): string | undefined => onPage(src, win)?.href;

/**
 * Loads the iAdvize tag itself, after the bridge's registry exists, so the order is always right:
 * `window.iAdvizeInterface.config = { sid, lang }` (a config the site set is kept), then the tag's
 * script, async, with the page's nonce. Once per page, whatever the number of installs or includes;
 * a tag the page already has is never loaded again. `consent` can hold it back.
 * @example
 * install({ plugins: [iadvizeTag({ sid: 1234, lang: 'fr', consent: () => cmp.hasConsent('iadvize') }), ga4()] })
 */
export function iadvizeTag(options: IAdvizeTagOptions): Plugin<{ tag: TagLoader }, IAdvizeTagEvents> {
  if (options === null || typeof options !== 'object') fail(SCOPE, 'takes an options object with your iAdvize `sid`');
  // A misspelt `consent` would load the tag without it.
  checkKnownOptions(
    SCOPE,
    options,
    Object.keys({ sid: 1, lang: 1, src: 1, nonce: 1, consent: 1, consentMode: 1 } satisfies Record<keyof IAdvizeTagOptions, 1>),
  );
  const problem = optionsProblem(options, OPTION_NAMES);
  if (problem) fail(SCOPE, problem);
  let stop: (() => void) | undefined;
  return {
    name: 'iadvizeTag',
    events: TAG_EVENTS,
    setup(context) {
      const win = context.window;
      const host = globalsOf(win) as IAdvizeWindow & { [PAGE_TAG]?: PageTag };
      const page = (host[PAGE_TAG] ??= { status: 'idle', listeners: new Set() });
      const src = tagUrl(win, options.src ?? DEFAULT_TAG_SRC);
      if (!src) fail(SCOPE, `\`src\` ${BAD_SRC}: ${String(options.src)}`);
      const nonce = options.nonce ?? (OWN_NONCE || pageNonce(win));

      const announce = (status: TagStatus): void => {
        if (status === 'loading' || status === 'loaded' || status === 'failed')
          context.emit(`tag:${status}`, { src: page.src ?? src }, page.src ?? src);
        if (status === 'failed')
          log(context.debug ? 'error' : 'warn', `the iAdvize tag could not load from ${page.src}: blocked or not found`);
        else if (context.debug) log('info', `iAdvize tag ${status}`);
      };
      page.listeners.add(announce);
      const setStatus = (status: TagStatus): void => {
        page.status = status;
        page.listeners.forEach((listener) => context.guard(() => listener(status), 'tag status'));
      };

      function load(): void {
        if (page.status === 'loading' || page.status === 'loaded') return;
        const document = win.document;
        // Decided once the page is parsed, so the page's own snippet is seen wherever its HTML has it.
        if (document.readyState === 'loading')
          return document.addEventListener('DOMContentLoaded', () => context.guard(load, 'load'), { once: true });
        const tag = host.iAdvize;
        // A tag the page already loaded (its own snippet, a GTM tag) is the tag: never a second one.
        if (tag !== null && typeof tag === 'object') return setStatus('loaded');
        const own = pageScript(document, src!);
        if (own) {
          page.src = own.src;
          if (context.debug) log('info', `the page loads the iAdvize tag itself (${own.src}): not loaded again`);
          own.addEventListener('load', () => setStatus('loaded'));
          own.addEventListener('error', () => setStatus('failed'));
          setStatus('loading');
          const done = finished(win, own.src);
          return done && setStatus(done);
        }
        const queue = (host.iAdvizeInterface ??= []) as { config?: unknown };
        const config = (queue.config ??=
          options.lang === undefined ? { sid: Number(options.sid) } : { sid: Number(options.sid), lang: options.lang });
        // No cookie until the tag is told the visitor's choice (iAdvize's coordinated mode).
        if (coordinated && config !== null && typeof config === 'object')
          (config as Record<string, unknown>).useExplicitCookiesConsent = true;
        const script = document.createElement('script');
        script.async = true;
        script.src = page.src = src!;
        if (nonce) script.nonce = nonce;
        script.onload = () => setStatus('loaded');
        script.onerror = () => setStatus('failed');
        setStatus('loading');
        (document.head ?? document.documentElement).appendChild(script);
      }

      const { consent } = options;
      const coordinated = options.consentMode === 'coordinated';
      const tell = (yes: boolean): void => {
        if (page.told !== yes) tellConsent(host, (page.told = yes), context.guard);
      };
      const decide = (yes: boolean): void => {
        // A tag that ran cannot be unloaded: it is told instead.
        if (coordinated || (page.status !== 'idle' && page.status !== 'waiting-for-consent')) tell(yes);
        else if (yes) {
          page.told = true;
          load();
        }
      };
      if (page.status === 'idle' && (consent === undefined || coordinated)) load();
      else if (page.status === 'idle') page.status = 'waiting-for-consent';
      let unfollow = (): void => {};
      if (consent !== undefined)
        context.guard(() => {
          unfollow = followConsent(
            consent,
            win,
            (yes) => context.guard(() => decide(yes), 'consent'),
            (error) => context.report(error, 'consent'),
          );
        }, 'consent');
      stop = () => {
        page.listeners.delete(announce);
        context.guard(unfollow, 'consent');
      };
      return {
        tag: {
          get status() {
            return page.status;
          },
          load: () => context.guard(load, 'load'),
        },
      };
    },
    teardown() {
      // The tag stays: a script that ran cannot be unloaded. Only this plugin stops listening.
      stop?.();
      stop = undefined;
    },
  };
}
