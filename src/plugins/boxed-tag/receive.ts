import { CALLBACKS } from '../../core/events.js';
import { log } from '../../core/guard.js';
import { globalsOf } from '../../core/window.js';
import { dataCopy, isChannelMessage, message, type ChannelMessage } from '../../shared/boxed-channel.js';
import type { createRemoteSdk } from './remote-sdk.js';

interface Receiving {
  win: Window;
  origin: string;
  frame(this: void): Window | null;
  toFrame(this: void, sent: object): void;
  remote: ReturnType<typeof createRemoteSdk>;
  /** Called when a relay that started anew (its iframe reloaded) says hello. */
  renewed(this: void): void;
  coordinated: boolean;
  debug(this: void): boolean;
  guard(this: void, code: () => void, type: string): void;
}

const SCOPE = 'boxedTag()';
const COORDINATED_HOST = "consentMode 'coordinated' needs the relay's too (consentMode: 'coordinated', or data-consent-mode)";
const COORDINATED_RELAY =
  "the relay is in coordinated mode, so the tag waits for a consent this page never tells: give boxedTag() consent and consentMode 'coordinated'";

/**
 * What the host page does with a message: the relay's, from that iframe's window at that origin, is read
 * (a callback is made on the page's `window.iAdvizeCallbacks`, as a tag in the page would make it);
 * anything else is left for whoever listens, and counted. boxed-tag's `internals` answers go to the Web SDK.
 */
export function receiveFromRelay({ win, origin, frame, toFrame, remote, renewed, coordinated, debug, guard }: Receiving) {
  const counts = { connected: false, relayed: 0, ignored: 0 };
  let said = false;
  const receive = (data: ChannelMessage): void => {
    if (data.kind === 'hello') {
      // Marked as an answer: the relay answers a welcome with a hello, and must not answer this one.
      toFrame(message('welcome', { reply: true }));
      counts.connected = true;
      if (remote.connect(data.relay)) renewed();
      if (!said && !data.coordinated === coordinated) {
        said = true;
        log('error', `${SCOPE}: ${data.coordinated ? COORDINATED_RELAY : COORDINATED_HOST}`);
      }
    } else if (data.kind === 'callback') {
      const name = data.name;
      // A string: an array ['onChatStarted'] would pass as its name when used as a key.
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(CALLBACKS, name)) return;
      counts.relayed++;
      // Made where the tag would make it: the host's registry and the site's own function there.
      const callbacks = globalsOf(win).iAdvizeCallbacks as Record<string, unknown> | undefined;
      guard(() => (callbacks?.[name] as ((raw: unknown) => void) | undefined)?.call(callbacks, dataCopy(data.data)), name);
    } else if (data.kind === 'dropped')
      log('warn', `${SCOPE}: the relay dropped ${Number(data.count)} callbacks before this page answered`);
    else remote.fromRelay(data);
  };
  const onMessage = (event: MessageEvent): void => {
    const source = frame();
    const data: unknown = event.data;
    const fromFrame = !!source && event.source === source && event.origin === origin;
    if (fromFrame && isChannelMessage(data)) return receive(data);
    if (fromFrame && (data as { command?: unknown } | null)?.command === 'internals') remote.fromBoxedTag(data as object);
    // In debug, said at the 1st, 10th, 100th...: a resizing page sends many.
    if (/^10*$/.test(String(++counts.ignored)) && debug())
      log('info', `${SCOPE}: ${counts.ignored} messages were not the relay's (the last from ${event.origin})`);
  };
  return { counts, onMessage };
}
