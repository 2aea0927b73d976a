import { fail } from '../../core/errors.js';
import { CALLBACKS } from '../../core/events.js';
import { log } from '../../core/guard.js';
import type { Plugin } from '../../core/plugin.js';
import { globalsOf } from '../../core/window.js';
import { dataCopy, isChannelMessage, message, originOption, type ChannelMessage } from '../../shared/boxed-channel.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import { consentProblem, type ConsentMode, type TagConsent } from '../iadvize-tag/consent.js';
import { followBoxedConsent } from './consent.js';
import { serveQueue } from './host-queue.js';
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
const COORDINATED_HOST = "consentMode 'coordinated' needs the relay's too (consentMode: 'coordinated', or data-consent-mode)";
const COORDINATED_RELAY =
  "the relay is in coordinated mode, so the tag waits for a consent this page never tells: give boxedTag() consent and consentMode 'coordinated'";

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
      let connected = false;
      let relayed = 0;
      let ignored = 0;
      let said = false;

      const receive = (data: ChannelMessage): void => {
        if (data.kind === 'hello') {
          // Marked as an answer: the relay answers a welcome with a hello, and must not answer this one.
          toFrame(message('welcome', { reply: true }));
          connected = true;
          if (remote.connect(data.relay)) followed?.retell();
          if (!said && !data.coordinated !== (consentMode !== 'coordinated'))
            log('error', `${SCOPE}: ${data.coordinated ? COORDINATED_RELAY : COORDINATED_HOST}`);
          said ||= !data.coordinated !== (consentMode !== 'coordinated');
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
      const lookLater = (): void => {
        if (!element()) log('warn', `${SCOPE}: no iframe matches ${named} once the page loaded: the boxed tag is not heard`);
      };
      const silent = setTimeout(() => {
        if (!connected && element())
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
