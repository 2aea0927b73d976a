import { fail } from '../../core/errors.js';
import { CALLBACKS } from '../../core/events.js';
import { log } from '../../core/guard.js';
import type { Plugin } from '../../core/plugin.js';
import { globalsOf } from '../../core/window.js';
import { dataCopy, isChannelMessage, message, originOption, type ChannelMessage } from '../../shared/boxed-channel.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import { consentProblem, followConsent, tellConsent, type ConsentMode, type TagConsent } from '../iadvize-tag/consent.js';
import { createRemoteSdk, serveQueue } from './remote-sdk.js';

export interface BoxedTagOptions {
  /** The iframe the tag is boxed in: the element, or a CSS selector such as `'#iadvize-box'` (looked up at each message). */
  iframe: string | HTMLIFrameElement;
  /** The iframe's origin, e.g. `'https://chat.shop.example'`: only its messages are read, and only it is posted to. */
  origin: string;
  /** The visitor's consent for the chat: a consent source, a function or a promise, as `iadvizeTag()` takes it. */
  consent?: TagConsent | undefined;
  /**
   * `'gate'` (default with `consent`): the iframe's address waits in its `data-src` until consent is
   * granted. `'coordinated'`: the tag (its relay with `consentMode: 'coordinated'`) is told each decision.
   */
  consentMode?: ConsentMode | undefined;
}

/** `bridge.boxed`: how the channel with the iframe stands. */
export interface BoxedTag {
  /** Whether the relay in the iframe said hello. */
  readonly connected: boolean;
  /** Callbacks of the tag received from the relay. */
  readonly relayed: number;
  /** Messages that were not the relay's (boxed-tag's own, other frames', forgeries): left alone. */
  readonly ignored: number;
}

const SCOPE = 'boxedTag()';

/**
 * The iAdvize tag boxed in a sandboxed iframe (iAdvize's boxed mode), heard on this page: each callback
 * the relay in the iframe (`relayToHost()`) sends is made on this page's `window.iAdvizeCallbacks`, as a
 * tag in the page would make it, so events, state, analytics and the site's callbacks work as usual; the
 * Web SDK queue of this page reaches the tag in the iframe (`webSdk()` works unchanged).
 * @example
 * install({ plugins: [boxedTag({ iframe: '#iadvize-box', origin: 'https://chat.shop.example' }), webSdk()] })
 */
export function boxedTag(options: BoxedTagOptions): Plugin<{ boxed: BoxedTag }> {
  if (typeof options !== 'object' || options === null) fail(SCOPE, "takes { iframe: '#iadvize-box', origin: 'https://chat.shop.example' }");
  checkKnownOptions(SCOPE, options, ['iframe', 'origin', 'consent', 'consentMode']);
  const { iframe, consent, consentMode } = options;
  const origin = originOption(SCOPE, 'origin', options.origin);
  if (!(typeof iframe === 'string' && iframe.trim()) && (iframe as Node | null)?.nodeName !== 'IFRAME')
    fail(SCOPE, "`iframe` must be the iframe element or a CSS selector such as '#iadvize-box'");
  const problem = consentProblem(consent, consentMode, (key) => `\`${key}\``);
  if (problem) fail(SCOPE, problem);
  let stop: (() => void) | undefined;

  return {
    name: 'boxedTag',
    setup(context) {
      const win = context.window;
      const named = typeof iframe === 'string' ? `'${iframe}'` : 'the element';
      const element = (): HTMLIFrameElement | null =>
        typeof iframe === 'string' ? win.document.querySelector<HTMLIFrameElement>(iframe) : iframe;
      try {
        const found = element();
        if (found && found.nodeName !== 'IFRAME') fail(SCOPE, `\`iframe\` ${named} is a ${found.nodeName}, not an iframe`);
      } catch (error) {
        if (error instanceof TypeError) throw error;
        fail(SCOPE, `\`iframe\` ${named} is not a CSS selector`);
      }
      if (consent !== undefined && consentMode !== 'coordinated' && element()?.hasAttribute('src'))
        log('error', `${SCOPE}: the iframe loads before consent: give its address in data-src, not src, for consentMode 'gate'`);
      const frame = (): Window | null => element()?.contentWindow ?? null;
      const toFrame = (sent: object): void => context.guard(() => frame()?.postMessage(sent, origin), 'postMessage');
      const remote = createRemoteSdk(win, toFrame, context.guard);
      let connected = false;
      let relayed = 0;
      let ignored = 0;
      let said = false;

      const receive = (data: ChannelMessage): void => {
        if (data.kind === 'hello') {
          toFrame(message('welcome'));
          connected = true;
          remote.connect(data.relay);
          if (consentMode === 'coordinated' && !data.coordinated && !said)
            log('error', `${SCOPE}: consentMode 'coordinated' needs the relay's too (consentMode: 'coordinated', or data-consent-mode)`);
          said ||= consentMode === 'coordinated' && !data.coordinated;
        } else if (data.kind === 'callback') {
          const name = data.name as string;
          if (!Object.prototype.hasOwnProperty.call(CALLBACKS, name)) return;
          relayed++;
          // Made where the tag would make it: the host's registry and the site's own function there.
          const callbacks = globalsOf(win).iAdvizeCallbacks as Record<string, unknown> | undefined;
          context.guard(() => (callbacks?.[name] as ((raw: unknown) => void) | undefined)?.call(callbacks, dataCopy(data.data)), name);
        } else if (data.kind === 'dropped')
          log('warn', `${SCOPE}: the relay dropped ${Number(data.count)} callbacks before this page answered`);
        else remote.fromRelay(data);
      };
      const onMessage = (event: MessageEvent): void => {
        const source = frame();
        const data: unknown = event.data;
        const fromFrame = !!source && event.source === source && event.origin === origin;
        if (fromFrame && isChannelMessage(data)) return receive(data);
        // boxed-tag's own messages and other frames' are left for whoever listens; its answers are the SDK's.
        if (fromFrame && (data as { command?: unknown } | null)?.command === 'internals') remote.fromBoxedTag(data as object);
        // In debug, said at the 1st, 10th, 100th...: a resizing page sends many.
        if (/^10*$/.test(String(++ignored)) && context.debug)
          log('info', `${SCOPE}: ${ignored} messages were not the relay's (the last from ${event.origin})`);
      };
      win.addEventListener('message', onMessage);
      // The relay may be there already; if not, its hello will come.
      toFrame(message('welcome'));
      const unserve = serveQueue(win, remote.sdk, context.guard);
      const lookLater = (): void => {
        if (!element()) log('warn', `${SCOPE}: no iframe matches ${named} once the page loaded: the boxed tag is not heard`);
      };
      if (win.document.readyState === 'complete') lookLater();
      else win.addEventListener('load', lookLater, { once: true });
      // Before followConsent(): a consent source already decided calls decide() at once.
      let opened = false;
      const unfollow =
        consent === undefined
          ? undefined
          : followConsent(
              consent,
              win,
              (yes) => decide(yes),
              (error) => context.report(error, 'consent'),
            );
      function decide(yes: boolean): void {
        if (consentMode === 'coordinated' || opened) return tellConsent(globalsOf(win), yes, context.guard);
        if (yes) opened = open(element(), origin, win);
      }
      stop = () => {
        win.removeEventListener('message', onMessage);
        win.removeEventListener('load', lookLater);
        unserve();
        unfollow?.();
      };
      return {
        boxed: {
          get connected() {
            return connected;
          },
          get relayed() {
            return relayed;
          },
          get ignored() {
            return ignored;
          },
        },
      };
    },
    teardown() {
      stop?.();
      stop = undefined;
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
    log('error', `${SCOPE}: consent is granted but the iframe has no data-src on ${origin} to load: the boxed tag stays closed`);
    return false;
  }
  element.src = address;
  return true;
}
