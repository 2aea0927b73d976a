import { log } from '../../core/guard.js';
import { globalsOf } from '../../core/window.js';
import { dataCopy, message, type ChannelMessage } from '../../shared/boxed-channel.js';
import { PATH_ONLY } from '../web-sdk/navigation.js';
import type { AuthenticationProvider, IAdvizeWebSdk } from '../web-sdk/sdk-types.js';

type Settle = [resolve: (value: unknown) => void, reject: (error: Error) => void];
type Listener = (value: unknown) => void;
/** iAdvize's boxed-tag host script: `push({ method, args })` posts `{ command: 'internals', method, args }` to its iframe. */
type BoxedInterface = { push(call: { method: string; args: unknown }): unknown };
/** What boxed-tag's iframe script answers: `value`, or `activation` and `logout` for those. */
type Internals = { method?: unknown; args?: unknown; value?: unknown; activation?: unknown; logout?: unknown };

/** Calls the host makes before the relay said hello, sent when it does. */
const OUTBOX = 100;
const SCOPE = 'boxedTag()';

/**
 * A stand-in, on the host page, of the Web SDK object of the tag boxed in the iframe: each method
 * reaches the tag there, through iAdvize's boxed-tag host script when the page runs it
 * (`window.iAdvizeBoxedInterface`, read at each call: the script replaces it when its iframe loads),
 * else through the relay. `get`, `activate` and `logout` answer with promises.
 */
export function createRemoteSdk(win: Window, toFrame: (sent: object) => void, guard: (code: () => void, type: string) => void) {
  // Ids of their own, so a bridge installed again beside the same relay never answers the old one's calls.
  let last = Math.floor(Math.random() * 2 ** 40);
  let connected = false;
  let relay: unknown;
  let dropped = 0;
  const outbox: ChannelMessage[] = [];
  const pending = new Map<number, Settle>();
  /** Listeners set through the relay, and the event each hears, to set them again in a relay that starts anew. */
  const heard = new Map<number, [event: string, listener: Listener]>();
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
    else if (!dropped++) log('warn', `${SCOPE}: ${OUTBOX} Web SDK calls wait for the relay in the iframe: later ones are dropped`);
  };
  // `sdk`, not `method`: iAdvize's boxed-tag iframe script runs any message with a `method` of its own.
  const send = (id: number, method: string, args: unknown[]) => toRelay(message('call', { id, sdk: method, args: dataCopy(args) }));
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
    send(last, method, args);
    return last;
  };
  const ask = (method: string, args: unknown[]): Promise<unknown> => new Promise((...settle) => void call(method, args, settle));
  const rejectAll = (why: string): void => {
    pending.forEach(([, reject]) => reject(new Error(`iadvize-bridge ${SCOPE}: ${why}`)));
    pending.clear();
  };

  const sdk: IAdvizeWebSdk & { [PATH_ONLY]: true } = {
    [PATH_ONLY]: true,
    navigate: (screen) => void call('navigate', [screen]),
    set: (property, value) => void call('set', [property, value]),
    recordTransaction: (transaction) => void call('recordTransaction', [transaction]),
    help: () => void call('help', []),
    get: (property) => ask('get', [property]),
    logout: () => ask('logout', []),
    on(event, listener) {
      const channel = boxed();
      if (!channel) return void heard.set(call('on', [event]), [event, listener]);
      const listeners = boxedListeners.get(event);
      if (listeners) return void listeners.add(listener);
      // One subscription per event in the iframe, for good (boxed-tag's `off` cannot undo it): each value reaches every listener once.
      boxedListeners.set(event, new Set([listener]));
      channel.push({ method: 'on', args: [event] });
    },
    off(event, listener) {
      boxedListeners.get(event)?.delete(listener);
      heard.forEach(([, known], id) => known === listener && (heard.delete(id), send(++last, 'off', [id])));
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
    /**
     * The relay said hello: what waited goes. A relay that started anew (its iframe reloaded) gets the
     * listeners again, and the calls the old one never answered are rejected; returns whether it did.
     */
    connect(id: unknown): boolean {
      const anew = relay !== undefined && relay !== id;
      relay = id;
      if (anew) {
        rejectAll('the iframe reloaded before the tag answered');
        heard.forEach(([event], on) => outbox.unshift(message('call', { id: on, sdk: 'on', args: [event] })));
      }
      connected = true;
      outbox.splice(0).forEach(toFrame);
      return anew;
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
      const listener = heard.get(id)?.[1];
      if (listener) return guard(() => listener(data.value), 'on');
      const settle = pending.get(id);
      pending.delete(id);
      if (settle && data.error === undefined) settle[0](data.value);
      else settle?.[1](new Error(typeof data.error === 'string' ? data.error : 'the tag could not answer'));
    },
    /** An answer of boxed-tag's iframe script, or its request for the secured token (given once). */
    fromBoxedTag(data: Internals): void {
      const { method, args } = data;
      const key: unknown = Array.isArray(args) ? args[0] : undefined;
      if (method === 'get-activate-auth-token' && token !== undefined) {
        toFrame({ command: 'internals', method: 'set-activate-auth-token', args: token });
        token = undefined;
      }
      if (method === 'on') return boxedListeners.get(String(key))?.forEach((listener) => guard(() => listener(data.value), 'on'));
      const index = asked.findIndex(([asking, about]) => asking === method && (method !== 'get' || about === key));
      if (index < 0) return;
      const [resolve] = asked.splice(index, 1)[0][2];
      resolve(method === 'activate' ? data.activation : method === 'logout' ? data.logout : data.value);
    },
    /** The plugin goes: the tag lets go of its listeners, and what waits is rejected. */
    release(): void {
      heard.forEach((_, id) => send(++last, 'off', [id]));
      heard.clear();
      rejectAll('the bridge was destroyed before the tag answered');
      asked.splice(0).forEach(([, , [, reject]]) => reject(new Error(`iadvize-bridge ${SCOPE}: the bridge was destroyed`)));
      token = undefined;
    },
  };
}
