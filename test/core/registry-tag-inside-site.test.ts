import { describe, expect, it } from 'vitest';

import { listenTo, newWindow } from '../helpers.js';

/**
 * The tag calling a callback while a site callback runs (the site's handler called a tag function that
 * answers at once): without the bridge both site functions run; with it, both events are emitted too,
 * while the site calling its own callbacks stays site code. The tag is told apart by its script's
 * address in the stack.
 */
type Host = { iAdvizeCallbacks: unknown };

/**
 * The tag's own code, as the browser names it in a stack trace: a script of an iadvize.com host. It
 * calls `callbacks[name](arg)`, as the real tag and the simulator do.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- code that must run from the tag's own address (its sourceURL), as a frame of the tag's script
const tagScript = new Function(
  'callbacks',
  'name',
  'arg',
  'return callbacks[name](arg)\n//# sourceURL=https://halc.iadvize.com/iadvize.js',
) as (callbacks: unknown, name: string, arg: unknown) => unknown;

describe.each(['late', 'boot'] as const)('a callback the tag fires while a site callback runs, tag lookup %s', (lookup) => {
  function setup() {
    const win = newWindow();
    const host = win as unknown as Host;
    const calls: string[] = [];
    const { events } = listenTo(win);
    const captured = () => (lookup === 'late' ? host.iAdvizeCallbacks : boot);
    const fire = (name: string, arg: unknown) => tagScript(captured(), name, arg);
    const boot: unknown = host.iAdvizeCallbacks;
    return { host, calls, events, fire };
  }

  it('a different callback: the site runs both, and both events are emitted, in the order the tag fired them', () => {
    const { host, calls, events, fire } = setup();
    host.iAdvizeCallbacks = {
      // The site opens the chat panel from its handler; the tag answers at once with a message.
      onChatStarted: () => {
        calls.push('started');
        fire('onMessageReceived', { msg: 'hello' });
        calls.push('started, after');
      },
      onMessageReceived: () => calls.push('message'),
    };
    fire('onChatStarted', { id: 1 });
    expect(calls).toEqual(['started', 'message', 'started, after']);
    // Observed before: ['chat:started'] (the message was taken for the site calling its own callback).
    expect(events).toEqual(['message:received', 'chat:started']);
  });

  it('the same callback fired again by the tag from inside it: two events', () => {
    const { host, calls, events, fire } = setup();
    let depth = 0;
    host.iAdvizeCallbacks = {
      onChatDisplayed: () => {
        calls.push('displayed');
        if (depth++ === 0) fire('onChatDisplayed', null);
      },
    };
    fire('onChatDisplayed', null);
    expect(calls).toEqual(['displayed', 'displayed']);
    expect(events).toEqual(['chat:displayed', 'chat:displayed']);
  });

  it('the site calling another of its callbacks, kept or through the object, stays site code: no event', () => {
    const { host, calls, events, fire } = setup();
    const callbacks = () => host.iAdvizeCallbacks as Record<string, (ctx?: unknown) => void>;
    host.iAdvizeCallbacks = { onChatStarted: () => calls.push('ui on') };
    const kept = callbacks().onChatStarted;
    callbacks().onChatEnded = () => {
      calls.push('ui off');
      kept();
      callbacks().onChatStarted();
    };
    fire('onChatEnded', { id: 1 });
    expect(calls).toEqual(['ui off', 'ui on', 'ui on']);
    expect(events).toEqual(['chat:ended']);
  });

  it('the tag calling through a builtin (forEach) is still the tag', () => {
    const { host, events, fire } = setup();
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- code that must run from the tag's own address (its sourceURL), as a frame of the tag's script
    const forEachTag = new Function(
      'callbacks',
      'name',
      'arg',
      '[arg].forEach(callbacks[name])\n//# sourceURL=https://halc.iadvize.com/iadvize.js',
    ) as typeof tagScript;
    host.iAdvizeCallbacks = { onChatStarted: () => forEachTag(host.iAdvizeCallbacks, 'onMessageReceived', { msg: 'hi' }) };
    fire('onChatStarted', { id: 1 });
    // Observed before: ['chat:started'] (the forEach frame was read as the caller).
    expect(events).toEqual(['message:received', 'chat:started']);
  });

  it('an address that only mentions iadvize.com (a query, a function name) is site code; a stack that throws is too, never thrown at the tag', () => {
    const { host, calls, events, fire } = setup();
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- code that must run from a site address that mentions the tag's host (its sourceURL)
    const siteHelper = new Function(
      'callbacks',
      'return callbacks.onChatStarted({})\n//# sourceURL=https://shop.example/helper.js?ref=//lc.iadvize.com/',
    ) as (callbacks: unknown) => unknown;
    host.iAdvizeCallbacks = {
      onChatStarted: () => calls.push('started'),
      onChatEnded: () => {
        calls.push('ended');
        siteHelper(host.iAdvizeCallbacks);
      },
    };
    fire('onChatEnded', { id: 1 });
    // Observed before: chat:started emitted for the helper, whose query named an iAdvize host.
    expect(events).toEqual(['chat:ended']);
    const saved = (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    (Error as { prepareStackTrace?: unknown }).prepareStackTrace = () => {
      throw new Error('hostile');
    };
    try {
      host.iAdvizeCallbacks = {
        onChatStarted: () => fire('onMessageReceived', { msg: 'x' }),
        onMessageReceived: () => calls.push('message'),
      };
      // Observed before: the throw went through the tag's call.
      expect(() => fire('onChatStarted', { id: 2 })).not.toThrow();
    } finally {
      (Error as { prepareStackTrace?: unknown }).prepareStackTrace = saved;
    }
    expect(calls).toEqual(['ended', 'started', 'message']);
  });
});
