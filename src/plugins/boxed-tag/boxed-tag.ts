import { fail } from '../../core/errors.js';
import { log } from '../../core/guard.js';
import type { Plugin } from '../../core/plugin.js';
import { message, originOption } from '../../shared/boxed-channel.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import { consentProblem, type ConsentMode, type TagConsent } from '../iadvize-tag/consent.js';
import { followBoxedConsent } from './consent.js';
import { serveQueue } from './host-queue.js';
import { findIframe } from './iframe.js';
import { receiveFromRelay } from './receive.js';
import { createRemoteSdk } from './remote-sdk.js';

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
/** How long the plugin waits for the relay's hello before it says it has none. */
const HELLO_WAIT_MS = 10_000;
const NO_RELAY = "add relayToHost() (or the boxed script tag) to the iframe's page, before the tag, with a host origin of";

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
      const { named, element, frame } = findIframe(win, iframe, SCOPE);
      if (consent !== undefined && consentMode !== 'coordinated' && element()?.hasAttribute('src'))
        log('error', `${SCOPE}: the iframe loads before consent: give its address in data-src, not src, for consentMode 'gate'`);
      const toFrame = (sent: object): void => context.guard(() => frame()?.postMessage(sent, origin), 'postMessage');
      const remote = createRemoteSdk(win, toFrame, context.guard);
      const followed =
        consent &&
        followBoxedConsent({
          consent,
          coordinated: consentMode === 'coordinated',
          win,
          element,
          origin,
          guard: context.guard,
          report: (error) => context.report(error, 'consent'),
        });
      const { counts, onMessage } = receiveFromRelay({
        win,
        origin,
        frame,
        toFrame,
        remote,
        renewed: () => followed?.retell(),
        coordinated: consentMode === 'coordinated',
        debug: () => context.debug,
        guard: context.guard,
      });
      const lookLater = (): void => {
        if (!element()) log('warn', `${SCOPE}: no iframe matches ${named} once the page loaded: the boxed tag is not heard`);
      };
      const silent = setTimeout(() => {
        if (!counts.connected && element())
          log('warn', `${SCOPE}: no relay answered from ${origin} in ${HELLO_WAIT_MS / 1000} s: ${NO_RELAY} ${win.location.origin}`);
      }, HELLO_WAIT_MS);
      const unserve = serveQueue(win, remote.sdk, context.guard);
      stop = () => {
        clearTimeout(silent);
        win.removeEventListener('message', onMessage);
        win.removeEventListener('load', lookLater);
        followed?.stop();
        remote.release();
        unserve();
      };
      win.addEventListener('message', onMessage);
      // The relay may be there already (a welcome it did not ask for makes it say hello); if not, its hello will come.
      toFrame(message('welcome'));
      if (win.document.readyState === 'complete') lookLater();
      else win.addEventListener('load', lookLater, { once: true });
      return {
        boxed: {
          get connected() {
            return counts.connected;
          },
          get relayed() {
            return counts.relayed;
          },
          get ignored() {
            return counts.ignored;
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
