import { globalsOf } from '../../core/window.js';
import { dataCopy, message, type ChannelMessage } from '../../shared/boxed-channel.js';
import type { AuthenticationProvider, IAdvizeWebSdk } from '../web-sdk/sdk-types.js';

type Settle = [resolve: (value: unknown) => void, reject: (error: Error) => void];
type Listener = (value: unknown) => void;
/** iAdvize's boxed-tag host script: `push({ method, args })` posts `{ command: 'internals', method, args }` to its iframe. */
type BoxedInterface = { push(call: { method: string; args: unknown }): unknown };
/** What boxed-tag's iframe script answers: `value`, or `activation` and `logout` for those. */
type Internals = { method?: unknown; args?: unknown; value?: unknown; activation?: unknown; logout?: unknown };

/** Calls the host makes before the relay said hello, sent when it does. */
const OUTBOX = 100;

/**
 * A stand-in, on the host page, of the Web SDK object of the tag boxed in the iframe: each method
 * reaches the tag there, through iAdvize's boxed-tag host script when the page runs it
 * (`window.iAdvizeBoxedInterface`, read at each call: the script replaces it when its iframe loads),
 * else through the relay. `get`, `activate` and `logout` answer with promises.
 */
export function createRemoteSdk(win: Window, toFrame: (sent: object) => void, guard: (code: () => void, type: string) => void) {
  let last = 0;
  let connected = false;
  const outbox: ChannelMessage[] = [];
  const pending = new Map<number, Settle>();
  const heard = new Map<number, Listener>();
  /** The event each listener set through the relay hears, to set it again in a relay that starts anew. */
  const events = new Map<number, string>();
  let relay: unknown;
  const providers = new Map<number, AuthenticationProvider>();
  // boxed-tag's channel: answers carry no id, so each is matched with the oldest call of its method.
  const asked: Array<[method: string, key: unknown, settle: Settle]> = [];
  const boxedListeners = new Map<string, Set<Listener>>();
  let token: unknown;

  const boxed = (): BoxedInterface | undefined => {
    const found = globalsOf(win).iAdvizeBoxedInterface as BoxedInterface | undefined;
    return typeof found?.push === 'function' ? found : undefined;
  };
  const toRelay = (sent: ChannelMessage): void => {
    if (connected) toFrame(sent);
    else if (outbox.length < OUTBOX) outbox.push(sent);
  };
  /** Calls `method` on the tag; with `settle`, the answer settles it. Returns the call's id on the relay's channel. */
  const call = (method: string, args: unknown[], settle?: Settle): number => {
    const channel = boxed();
    if (channel) {
      if (settle) asked.push([method, args[0], settle]);
      channel.push({ method, args });
      return 0;
    }
    if (settle) pending.set(++last, settle);
    else ++last;
    toRelay(message('call', { id: last, method, args: dataCopy(args) }));
    return last;
  };
  const ask = (method: string, args: unknown[]): Promise<unknown> => new Promise((...settle) => void call(method, args, settle));

  const sdk: IAdvizeWebSdk = {
    navigate: (screen) => void call('navigate', [screen]),
    set: (property, value) => void call('set', [property, value]),
    recordTransaction: (transaction) => void call('recordTransaction', [transaction]),
    help: () => void call('help', []),
    get: (property) => ask('get', [property]),
    logout: () => ask('logout', []),
    on(event, listener) {
      const channel = boxed();
      if (!channel) {
        const id = call('on', [event]);
        return void (heard.set(id, listener), events.set(id, event));
      }
      const set = boxedListeners.get(event) ?? new Set();
      boxedListeners.set(event, set.add(listener));
      // One subscription per event in the iframe: each answer reaches every listener of the event.
      if (set.size === 1) channel.push({ method: 'on', args: [event] });
    },
    off(event, listener) {
      boxedListeners.get(event)?.delete(listener);
      heard.forEach((known, id) => known === listener && (heard.delete(id), events.delete(id), call('off', [id])));
    },
    activate(provider) {
      if (!boxed()) {
        // The relay asks for the provider's answer by the call's id.
        let id = 0;
        return new Promise((...settle) => void providers.set((id = call('activate', [], settle)), provider)).finally(
          () => void providers.delete(id),
        );
      }
      // boxed-tag's protocol: the type goes with the call, a secured token when its iframe asks for it.
      return Promise.resolve(provider()).then(({ authenticationOption: option }) => {
        token = (option as { token?: unknown }).token;
        return new Promise((...settle) => {
          asked.push(['activate', undefined, settle]);
          boxed()?.push({ method: 'activate', args: { authenticationOption: { type: option.type } } });
        });
      });
    },
  };

  return {
    sdk,
    /** The relay said hello: what waited goes; a relay that started anew (its iframe reloaded) gets the listeners again. */
    connect(id: unknown): void {
      if (relay !== undefined && relay !== id)
        events.forEach((event, on) => outbox.push(message('call', { id: on, method: 'on', args: [event] })));
      relay = id;
      connected = true;
      outbox.splice(0).forEach(toFrame);
    },
    /** An answer or a question of the relay. */
    fromRelay(data: ChannelMessage): void {
      const id = data.id as number;
      if (data.kind === 'provide') {
        const provider = providers.get(id);
        if (!provider) return;
        void new Promise((resolve) => resolve(provider())).then(
          (value) => toFrame(message('provided', { id, value: dataCopy(value) })),
          (error: unknown) => toFrame(message('provided', { id, error: String(error instanceof Error ? error.message : error) })),
        );
        return;
      }
      const listener = heard.get(id);
      if (listener) return guard(() => listener(data.value), 'on');
      const settle = pending.get(id);
      pending.delete(id);
      if (settle && data.error === undefined) settle[0](data.value);
      else settle?.[1](new Error(typeof data.error === 'string' ? data.error : 'the tag could not answer'));
    },
    /** An answer of boxed-tag's iframe script, or its request for the secured token. */
    fromBoxedTag(data: Internals): void {
      const { method, args } = data;
      const key: unknown = Array.isArray(args) ? args[0] : undefined;
      if (method === 'get-activate-auth-token') return toFrame({ command: 'internals', method: 'set-activate-auth-token', args: token });
      if (method === 'on') return boxedListeners.get(String(key))?.forEach((listener) => guard(() => listener(data.value), 'on'));
      const index = asked.findIndex(([asking, about]) => asking === method && (method !== 'get' || about === key));
      if (index < 0) return;
      const [resolve] = asked.splice(index, 1)[0][2];
      resolve(method === 'activate' ? data.activation : method === 'logout' ? data.logout : data.value);
    },
  };
}

/**
 * Serves the host page's Web SDK queue, `window.iAdvizeInterface`, with `sdk`: what is queued there
 * (by `webSdk()`, the consent, site code) runs at once, as the tag would run it, and so does what is
 * pushed later. The array stays the page's (its `config` kept); returns the undo.
 */
export function serveQueue(win: Window, sdk: IAdvizeWebSdk, guard: (code: () => void, type: string) => void): () => void {
  const page = globalsOf(win);
  const queue = (page.iAdvizeInterface ??= []) as unknown[];
  const run = (fn: unknown): void => {
    if (typeof fn === 'function') guard(() => void (fn as (tag: IAdvizeWebSdk) => unknown)(sdk), 'iAdvizeInterface');
  };
  const waiting = Array.isArray(queue) ? queue.splice(0) : [];
  try {
    Object.defineProperty(queue, 'push', {
      configurable: true,
      writable: true,
      value: (...fns: unknown[]) => (fns.forEach(run), queue.length),
    });
  } catch {
    // A queue the page locked: what it holds still runs below; later calls wait for nothing.
  }
  waiting.forEach(run);
  return () => void delete (queue as { push?: unknown }).push;
}
