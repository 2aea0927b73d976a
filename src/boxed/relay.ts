import { fail } from '../core/errors.js';
import type { CallbackName } from '../core/events.js';
import { createGuard, log } from '../core/guard.js';
import { createRegistry } from '../core/registry.js';
import { checkKnownOptions } from '../shared/known-options.js';
import { dataCopy, isChannelMessage, message, originOption, type ChannelMessage } from '../shared/boxed-channel.js';
import { explicitCookiesConsent } from './explicit-consent.js';
import { runCalls } from './run-calls.js';

export interface RelayOptions {
  /** The host page's origin, e.g. `'https://www.shop.example'`: the only page the relay posts to and listens to. */
  hostOrigin: string;
  /**
   * `'coordinated'` when the host's `boxedTag()` tells the tag the visitor's cookie consent: the relay
   * sets `useExplicitCookiesConsent` in the tag's config, so it sets no cookie before that.
   */
  consentMode?: 'gate' | 'coordinated' | undefined;
  /** Logs each callback relayed. */
  debug?: boolean | undefined;
  /** The iframe's window (default: `window`). */
  window?: Window | undefined;
}

export interface Relay {
  /** Whether the host's bridge answered: callbacks go straight to it. */
  readonly connected: boolean;
  /** Callbacks lost because the host did not answer before the buffer filled. */
  readonly dropped: number;
  /** Stops relaying; the site's own callbacks stay where the tag looks for them. */
  destroy(): void;
}

/** Callbacks held until the host answers: a chat's first minutes, however slow the host page is. */
export const RELAY_BUFFER = 200;
/** How long the relay waits for the host's answer before it says it has none. */
export const HOST_WAIT_MS = 10_000;
const SCOPE = 'relayToHost()';

/**
 * Relays the iAdvize tag boxed in this iframe to the host page's bridge (`boxedTag()` there): installs
 * `window.iAdvizeCallbacks` here, before the tag, keeping the site's callbacks as the bridge does, and
 * posts each callback the tag makes to `hostOrigin`, a copy of its argument with plain data only. It
 * holds them until the host answers, so either page may load first, and runs the host's Web SDK calls.
 * @example
 * relayToHost({ hostOrigin: 'https://www.shop.example' })
 */
export function relayToHost(options: RelayOptions): Relay {
  if (typeof options !== 'object' || options === null) fail(SCOPE, "takes { hostOrigin: 'https://www.shop.example' }");
  checkKnownOptions(SCOPE, options, ['hostOrigin', 'consentMode', 'debug', 'window']);
  const hostOrigin = originOption(SCOPE, 'hostOrigin', options.hostOrigin);
  const { consentMode, debug } = options;
  if (consentMode !== undefined && consentMode !== 'gate' && consentMode !== 'coordinated')
    fail(SCOPE, "`consentMode` must be 'gate' or 'coordinated'");
  return startRelay(options.window ?? window, hostOrigin, consentMode === 'coordinated', debug === true);
}

/** The relay, from options already checked (the script-tag build checks its attributes itself). */
export function startRelay(win: Window, hostOrigin: string, coordinated: boolean, debug: boolean): Relay {
  const host = win.parent;
  if (host === win) log('warn', `${SCOPE}: this page is not in a frame: there is no host page to relay to`);
  // Chromium and Safari name the framing page: a wrong hostOrigin is said at once, not only by silence.
  const framedBy = (win.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins?.[0];
  if (framedBy && framedBy !== hostOrigin)
    log('error', `${SCOPE}: hostOrigin is '${hostOrigin}' but this frame is in a page of '${framedBy}': nothing reaches it`);
  if (coordinated) explicitCookiesConsent(win);

  const { guard } = createGuard();
  const held: ChannelMessage[] = [];
  let connected = false;
  let stopped = false;
  let dropped = 0;
  const post = (sent: ChannelMessage): void => {
    if (stopped) return;
    try {
      host.postMessage(sent, hostOrigin);
    } catch (error) {
      log('error', `${SCOPE}: a message could not be posted`, error);
    }
  };
  const send = (sent: ChannelMessage): void => {
    if (connected) post(sent);
    else if (held.length < RELAY_BUFFER) held.push(sent);
    else if (!dropped++) log('warn', `${SCOPE}: ${RELAY_BUFFER} callbacks wait for the host page's answer: later ones are dropped`);
  };
  const calls = runCalls(win, post, guard);

  const route = (name: CallbackName) => (raw: unknown) => {
    if (debug) log('info', `relayed ${name}`, raw);
    send(message('callback', { name, data: dataCopy(raw) }));
  };
  const registry = createRegistry(win, route, guard, (error) => log('error', SCOPE, error));

  // Its own name, so the host tells a relay that started anew (the iframe reloaded) from the same one saying hello twice.
  const hello = message('hello', { coordinated, relay: Math.random() });
  const onMessage = (event: MessageEvent): void => {
    const data: unknown = event.data;
    if (event.source !== host || event.origin !== hostOrigin || !isChannelMessage(data)) return;
    if (data.kind !== 'welcome') return calls.receive(data);
    // A host that started first, or a bridge installed again beside this relay, waits for a hello to
    // send its calls; a welcome answering our hello needs none.
    if (!data.reply) post(hello);
    if (connected) return;
    connected = true;
    if (dropped) post(message('dropped', { count: dropped }));
    held.splice(0).forEach(post);
  };
  win.addEventListener('message', onMessage);
  post(hello);
  const silent = setTimeout(() => {
    if (!connected)
      log('warn', `${SCOPE}: no answer from a bridge at ${hostOrigin} after ${HOST_WAIT_MS / 1000} s: is boxedTag() installed there?`);
  }, HOST_WAIT_MS);

  return {
    get connected() {
      return connected;
    },
    get dropped() {
      return dropped;
    },
    destroy() {
      stopped = true;
      clearTimeout(silent);
      win.removeEventListener('message', onMessage);
      registry.destroy();
      calls.release();
      held.length = 0;
    },
  };
}
