import { describe, expect, it, vi } from 'vitest';

import { listenTo, loadTag, newWindow } from '../helpers.js';

/**
 * Ordinary JavaScript a site may write around `window.iAdvizeCallbacks` that is none of iAdvize's
 * snippets. Without the bridge, the tag calls whatever the global names; with it, the site's functions
 * run the same way and each tag call still gives its event; what cannot be followed is said.
 */
type Host = { iAdvizeCallbacks: unknown };

describe.each(['late', 'boot'] as const)('callbacks on a class or a function object, tag lookup %s', (lookup) => {
  it.each(['before', 'after'] as const)(
    'static methods of a class assigned %s install keep being called, with the class as this',
    (when) => {
      const win = newWindow();
      const host = win as unknown as Host;
      const calls: unknown[] = [];
      class SiteCallbacks {
        static onChatStarted(this: unknown, ctx: { id: number }) {
          calls.push(this === SiteCallbacks ? `class ${ctx.id}` : 'wrong this');
        }
      }
      if (when === 'before') host.iAdvizeCallbacks = SiteCallbacks;
      const { events } = listenTo(win);
      if (when === 'after') host.iAdvizeCallbacks = SiteCallbacks;
      const tag = loadTag(win, lookup);
      tag.fire('onChatStarted', { id: 1 });
      // Observed before: [] (a function is not taken as the site's object), while the event is emitted.
      expect(calls).toEqual(['class 1']);
      expect(events).toEqual(['chat:started']);
      expect(tag.seen.errors).toEqual([]);
    },
  );

  it('properties of a function object keep being called, and its other fields stay readable', () => {
    const win = newWindow();
    const calls: string[] = [];
    const site = Object.assign(function siteCallbacks() {}, { onChatEnded: () => calls.push('ended'), account: 'shop' });
    (win as unknown as Host).iAdvizeCallbacks = site;
    const { events } = listenTo(win);
    loadTag(win, lookup).fire('onChatEnded', { id: 1 });
    expect(calls).toEqual(['ended']);
    expect(events).toEqual(['chat:ended']);
    expect(((win as unknown as Host).iAdvizeCallbacks as { account?: string }).account).toBe('shop');
  });
});

describe('a Proxy the bridge cannot read as iAdvizeCallbacks', () => {
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  const throwing = () =>
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap: get');
        },
        has: () => {
          throw new Error('trap: has');
        },
        ownKeys: () => {
          throw new Error('trap: ownKeys');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('trap: getOwnPropertyDescriptor');
        },
        isExtensible: () => {
          throw new Error('trap: isExtensible');
        },
      },
    );

  it.each([
    ['a revoked Proxy', revoked],
    ['a Proxy whose traps throw', throwing],
  ])('%s before install: install() does not throw, says why it cannot adopt, and hears the tag', (_what, make) => {
    const win = newWindow();
    (win as unknown as Host).iAdvizeCallbacks = make();
    const onError = vi.fn();
    let heard: ReturnType<typeof listenTo> | undefined;
    // Observed before: TypeError "Cannot perform 'getOwnPropertyDescriptor' on a proxy that has been revoked".
    expect(() => (heard = listenTo(win, onError))).not.toThrow();
    const tag = loadTag(win, 'late');
    tag.fire('onChatStarted', { id: 1 });
    expect(heard!.events).toEqual(['chat:started']);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({
        message: expect.stringMatching(/window\.iAdvizeCallbacks could not be read \(.+\): its functions cannot be adopted/),
      }),
      { source: 'callback', type: 'iAdvizeCallbacks' },
    );
  });

  it('assigned after install: nothing thrown at the site, said once, events go on', () => {
    const win = newWindow();
    const onError = vi.fn();
    const { events } = listenTo(win, onError);
    const tag = loadTag(win, 'late');
    expect(() => ((win as unknown as Host).iAdvizeCallbacks = revoked())).not.toThrow();
    tag.fire('onChatStarted', { id: 1 });
    expect(events).toEqual(['chat:started']);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe.each(['late', 'boot'] as const)('a frozen or sealed iAdvizeCallbacks across destroy() and install(), tag lookup %s', (lookup) => {
  it.each([
    ['Object.freeze', Object.freeze],
    ['Object.seal', Object.seal],
  ])('%s, then destroy() and install(): the tag is heard, the site function runs once per call', (_what, lock) => {
    const win = newWindow();
    const host = win as unknown as Host;
    const calls: string[] = [];
    host.iAdvizeCallbacks = { onChatStarted: () => calls.push('site') };
    const first = listenTo(win);
    const tag = loadTag(win, lookup);
    lock(host.iAdvizeCallbacks);
    tag.fire('onChatStarted', { id: 1 });
    expect(first.events).toEqual(['chat:started']);
    first.bridge.destroy();
    tag.fire('onChatStarted', { id: 2 });
    const second = listenTo(win);
    tag.fire('onChatStarted', { id: 3 });
    // Observed before: [] (the old registry's links stayed on the frozen object, switched off).
    expect(second.events).toEqual(['chat:started']);
    expect(calls).toEqual(['site', 'site', 'site']);
    expect(tag.seen.errors).toEqual([]);
    second.bridge.destroy();
    tag.fire('onChatStarted', { id: 4 });
    expect(calls).toHaveLength(4);
  });
});
