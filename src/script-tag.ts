import type { AdapterOptions } from './adapters/create-adapter.js';
import { log } from './core/guard.js';
import { install as installOnWindow, type InstallOptions } from './core/install.js';
import type { Adapter, AnyPlugin } from './core/plugin.js';
import { BAD_SRC, iadvizeTag, optionsProblem, tagUrl } from './plugins/iadvize-tag/iadvize-tag.js';
import { nearestName } from './shared/known-options.js';
import { HOLD, type ConsentReader } from './consent/attribute.js';
import { isConsentSource } from './consent/source.js';
import type { boxedTag } from './plugins/boxed-tag/boxed-tag.js';
import type { TagConsent } from './plugins/iadvize-tag/consent.js';

/**
 * Installs the bridge from the script tag that is running, configured by its attributes, with
 * `plugins`; `install(options)` then returns the same bridge with what the options add. With
 * `data-sid`, it loads the iAdvize tag too, after itself: one script tag does the whole integration.
 */
export function startFromScriptTag(
  factories: Record<string, (options: AdapterOptions) => Adapter>,
  plugins: readonly AnyPlugin[],
  consent: ConsentReader,
  boxed?: typeof boxedTag,
) {
  const script = typeof document === 'undefined' ? null : document.currentScript;
  const attribute = (name: string): string | null => (script ? script.getAttribute(name) : null);
  const { debug, persist, adapters } = optionsFromScript(attribute, factories);
  const tag = attribute('data-boxed-iframe') === null ? tagFromScript(attribute, consent) : boxedFromScript(attribute, consent, boxed);
  const bridge = installOnWindow({ debug, persist, plugins: [...plugins, ...adapters, ...tag] });
  /** Returns the bridge this script installed, adding the given plugins and options to it. */
  const install = (options?: InstallOptions) => installOnWindow(options);
  return { bridge, install };
}

type Factory = (options: AdapterOptions) => Adapter;

/**
 * The bridge's options from its own script tag: `data-debug`, `data-analytics="ga4 gtm"`,
 * `data-include-ids` and `data-persist`. A mistake in an attribute must not stop the chat integration: it is said on
 * the console and the rest installs (only the table's own names count, so `constructor` or
 * `__proto__` are unknown names like any other typo).
 */
export function optionsFromScript(
  attribute: (name: string) => string | null,
  factories: Record<string, Factory>,
): { debug: boolean; persist: boolean; adapters: Adapter[] } {
  const includeIds = switchAttribute(attribute, 'data-include-ids');
  const names = (attribute('data-analytics') ?? '').split(/[\s,]+/).filter(Boolean);
  const known = Object.keys(factories);
  const adapters: Adapter[] = [];
  for (const name of names.filter((name, index) => names.indexOf(name) === index)) {
    if (Object.prototype.hasOwnProperty.call(factories, name)) adapters.push(factories[name]({ includeIds }));
    else {
      const near = nearestName(name, known);
      const accepted = `(accepted: ${known.join(' ')}${known.indexOf('mixpanel') < 0 ? '; the full build has every adapter' : ''})`;
      log('error', `data-analytics: unknown adapter "${name}"${near ? `: did you mean "${near}"?` : ''} ${accepted}`);
    }
  }
  // Kept in the tab's sessionStorage unless data-persist="false" (or 0, no) says otherwise.
  const persist = attribute('data-persist') === null || switchAttribute(attribute, 'data-persist');
  return { debug: switchAttribute(attribute, 'data-debug'), persist, adapters };
}

const ON = ['', 'true', '1', 'yes'];
const OFF = ['false', '0', 'no'];

/** An on/off attribute: present and empty, true/1/yes turn it on; false/0/no, or absent, leave it off. */
function switchAttribute(attribute: (name: string) => string | null, name: string): boolean {
  const value = attribute(name);
  if (value === null) return false;
  const word = value.trim().toLowerCase();
  if (ON.indexOf(word) >= 0) return true;
  if (OFF.indexOf(word) < 0) log('error', `${name}="${value}" is not one of true, false, 1, 0, yes, no (or empty): left off`);
  return false;
}

const ATTRIBUTES = {
  sid: 'data-sid',
  lang: 'data-lang',
  src: 'data-tag-src',
  consent: 'data-consent',
  consentMode: 'data-consent-mode',
  nonce: 'nonce',
} as const;

/**
 * The tag loader from `data-sid`, `data-lang` and `data-tag-src`; `data-consent` names the consent
 * tool to follow (`"tcf"`, `"didomi:<vendor id>"`, ...), or, alone, holds the tag until the site calls
 * `IAdvizeBridge.bridge.tag.load()`; `data-consent-mode` is `gate` or `coordinated`. A consent value it
 * cannot read (`"false"` may mean "no consent yet") is said, and the tag is held, never loaded by
 * mistake. Another bad value is said, naming the attribute as written and what it accepts, and the
 * bridge installs without the loader.
 */
export function tagFromScript(attribute: (name: string) => string | null, reader: ConsentReader): AnyPlugin[] {
  // The boxed tag's attributes in the wrong place would leave it unheard without a word.
  if (attribute('data-boxed-origin') !== null && attribute('data-boxed-iframe') === null)
    log('error', 'data-boxed-origin without data-boxed-iframe="#<the iframe\'s id>": the boxed tag is not heard');
  if (attribute('data-host-origin') !== null)
    log(
      'error',
      "data-host-origin belongs on the relay's script tag (iadvize-bridge.boxed.iife.min.js) in the iframe's page, not on the bridge's",
    );
  const sid = attribute('data-sid');
  if (sid === null) {
    const orphan = (['lang', 'src', 'consent', 'consentMode'] as const).filter((key) => attribute(ATTRIBUTES[key]) !== null);
    if (orphan.length)
      log(
        'error',
        `${orphan.map((key) => ATTRIBUTES[key]).join(', ')} without data-sid: the iAdvize tag is loaded only with data-sid="<your site id>"`,
      );
    return [];
  }
  // As written, quoted and cut: a hostile value never fills the console.
  const written = (key: keyof typeof ATTRIBUTES): string => {
    const value = String(attribute(ATTRIBUTES[key]));
    return `${ATTRIBUTES[key]}=${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`;
  };
  const options = {
    sid,
    lang: attribute('data-lang') ?? undefined,
    src: attribute('data-tag-src') ?? undefined,
    ...consentFromScript(attribute, sid, written, reader),
  };
  const problem =
    optionsProblem(options, { name: written, example: (key, value) => `${ATTRIBUTES[key]}="${value}"` }) ??
    (options.src === undefined || typeof window === 'undefined' || tagUrl(window, options.src)
      ? undefined
      : `${written('src')} ${BAD_SRC}`);
  if (!problem) return [iadvizeTag(options)];
  log('error', `${problem}: the iAdvize tag was not loaded`);
  return [];
}

/**
 * `consent` and `consentMode` from `data-consent` and `data-consent-mode`: a value it cannot read is
 * said, naming the attribute and the accepted forms, and the tag is held for `tag.load()` in gate mode.
 */
function consentFromScript(
  attribute: (name: string) => string | null,
  sid: string | undefined,
  written: (key: 'consent' | 'consentMode') => string,
  reader: ConsentReader,
) {
  const value = attribute(ATTRIBUTES.consent);
  const mode = attribute(ATTRIBUTES.consentMode)?.trim().toLowerCase();
  const consent = value === null ? undefined : reader.read(value, sid);
  const problem =
    value !== null && !consent
      ? `${written('consent')} is not a value the bridge reads (accepted: ${reader.forms})`
      : mode !== undefined && mode !== 'gate' && mode !== 'coordinated'
        ? `${written('consentMode')} is not gate or coordinated`
        : // Without a consent tool, a mode would load the tag at once: held instead.
          (mode === 'coordinated' ? !isConsentSource(consent) : mode !== undefined && value === null) &&
          `${written('consentMode')} needs a consent tool in data-consent, such as tcf`;
  if (!problem) return { consent, consentMode: mode as 'gate' | 'coordinated' | undefined };
  log('error', `${problem}: the iAdvize tag waits for IAdvizeBridge.bridge.tag.load()`);
  return { consent: HOLD(), consentMode: undefined };
}

/**
 * The boxed tag from `data-boxed-iframe="#id"` and `data-boxed-origin`, with `data-consent` and
 * `data-consent-mode` as for a tag in the page. A mistake is said, and the bridge installs without it.
 */
export function boxedFromScript(attribute: (name: string) => string | null, reader: ConsentReader, boxed?: typeof boxedTag): AnyPlugin[] {
  const problem =
    attribute(ATTRIBUTES.sid) !== null
      ? 'data-sid loads the tag into this page, data-boxed-iframe hears it boxed in an iframe: keep one'
      : !boxed
        ? 'data-boxed-iframe needs iadvize-bridge.full.iife.min.js'
        : undefined;
  if (problem) {
    log('error', `${problem}: the boxed tag is not heard`);
    return [];
  }
  const consent: { consent?: TagConsent; consentMode?: 'gate' | 'coordinated' } =
    attribute(ATTRIBUTES.consent) === null ? {} : consentFromScript(attribute, undefined, (key) => ATTRIBUTES[key], reader);
  // Held for tag.load() in the page; a boxed tag has no such call, so only a consent tool can open it.
  if (consent.consent !== undefined && !isConsentSource(consent.consent))
    log('error', 'data-consent with data-boxed-iframe names a consent tool, such as data-consent="tcf": the boxed tag stays closed');
  try {
    return [boxed!({ iframe: attribute('data-boxed-iframe')!, origin: attribute('data-boxed-origin') ?? '', ...consent })];
  } catch (error) {
    log('error', `${(error as Error).message.replace('`iframe`', 'data-boxed-iframe').replace('`origin`', 'data-boxed-origin')}`);
    return [];
  }
}
