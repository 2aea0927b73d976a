import type { Guard } from '../core/guard.js';
import { createTagQueue } from '../plugins/tag-queue.js';
import type { IAdvizeWebSdk } from '../plugins/web-sdk/sdk-types.js';
import { dataCopy, message, type ChannelMessage } from '../shared/boxed-channel.js';

/** What the host may run on the tag: its Web SDK, nothing else. */
const SDK_METHODS = ['navigate', 'set', 'get', 'on', 'off', 'recordTransaction', 'activate', 'logout', 'help'] as const;
type Listener = [event: string, listener: (value: unknown) => void];
type Settle = [resolve: (value: unknown) => void, reject: (error: Error) => void];

/**
 * Runs the host's Web SDK calls on the tag in this iframe, through its queue `window.iAdvizeInterface`,
 * and posts what each gives back (for `on`, each value the tag sends). `activate`'s provider is the
 * host's: it is asked over the channel, as the tag asks.
 */
export function runCalls(win: Window, post: (sent: ChannelMessage) => void, guard: Guard) {
  const queue = createTagQueue(win, (code, type) => guard(code, undefined, undefined, 'plugin', type, 'relayToHost'));
  const listeners = new Map<unknown, Listener>();
  const providers = new Map<unknown, Settle>();
  const answer = (id: unknown, value: () => unknown): void =>
    void new Promise((resolve) => resolve(value())).then(
      (given) => post(message('answer', { id, value: dataCopy(given) })),
      (error: unknown) => post(message('answer', { id, error: String(error instanceof Error ? error.message : error) })),
    );
  const askHost = (id: unknown) => () =>
    new Promise((resolve, reject: (error: Error) => void) => {
      providers.set(id, [resolve, reject]);
      post(message('provide', { id }));
    });

  return {
    receive(data: ChannelMessage): void {
      const { id, sdk: method, args, value, error } = data as ChannelMessage & { sdk: unknown; args: unknown[] };
      if (data.kind === 'provided') {
        const settle = providers.get(id);
        providers.delete(id);
        if (settle && error === undefined) settle[0](value);
        else settle?.[1](new Error(typeof error === 'string' ? error : 'the host could not answer'));
        return;
      }
      if (data.kind !== 'call' || SDK_METHODS.indexOf(method as never) < 0 || !Array.isArray(args)) return;
      queue.run(String(method), (tag: IAdvizeWebSdk) => {
        if (method === 'on') {
          const entry: Listener = [String(args[0]), (given) => post(message('answer', { id, value: dataCopy(given) }))];
          listeners.set(id, entry);
          tag.on(...entry);
        } else if (method === 'off') {
          const entry = listeners.get(args[0]);
          listeners.delete(args[0]);
          if (entry) tag.off(...entry);
        } else if (method === 'activate') answer(id, () => tag.activate(askHost(id) as never));
        else answer(id, () => (tag[method as 'get'] as (...given: unknown[]) => unknown)(...args));
      });
    },
    release(): void {
      queue.release();
      // The tag keeps what it was given: it lets go of the host's listeners.
      const page = win as unknown as { iAdvizeInterface?: { push?(fn: (tag: IAdvizeWebSdk) => void): unknown } };
      const held = [...listeners.values()];
      listeners.clear();
      if (held.length)
        guard(
          () => void page.iAdvizeInterface?.push?.((tag) => held.forEach((entry) => tag.off(...entry))),
          undefined,
          undefined,
          'plugin',
          'off',
          'relayToHost',
        );
      providers.forEach(([, reject]) => reject(new Error('the relay was stopped')));
      providers.clear();
    },
  };
}
