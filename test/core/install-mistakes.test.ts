import { describe, expect, it, vi } from 'vitest';
import { ga4, install, webSdk, type AnyPlugin, type Plugin } from '../../src/index.js';
import { memoryStore } from '../../src/server/index.js';
import { fail } from '../../src/core/errors.js';
import { newWindow } from '../helpers.js';

const quiet = () => ({ window: newWindow(), onError: () => {} });

describe("a plugin's own option error in its setup is thrown where the plugin is added", () => {
  const picky: Plugin = { name: 'picky', setup: () => fail('picky()', "`endpoint` must be on this page's origin") };

  it('from install() and use(), and the plugin is not left half there', () => {
    expect(() => install({ ...quiet(), plugins: [picky] })).toThrow("iadvize-bridge picky(): `endpoint` must be on this page's origin");
    const bridge = install(quiet());
    const sent: string[] = [];
    expect(() => bridge.use({ ...picky, send: (event) => sent.push(event.type) })).toThrow('picky()');
    bridge.use({ name: 'other', emits: ['x:y'], setup: (context) => void context.emit('x:y' as never, {}) });
    expect(sent).toEqual([]);
  });

  it("a first install that throws leaves the page as it was: the site's callbacks, no registry, and a later install works", () => {
    const win = newWindow();
    const site = () => {};
    (win as unknown as { iAdvizeCallbacks: object }).iAdvizeCallbacks = { onChatStarted: site };
    expect(() => install({ window: win, onError: () => {}, plugins: [picky] })).toThrow('picky()');
    expect((win as unknown as { iAdvizeCallbacks: { onChatStarted: unknown } }).iAdvizeCallbacks.onChatStarted).toBe(site);
    const bridge = install({ window: win, onError: () => {} });
    const heard: string[] = [];
    bridge.on('chat:started', (event) => heard.push(event.type));
    (win as unknown as { iAdvizeCallbacks: { onChatStarted: (raw: unknown) => void } }).iAdvizeCallbacks.onChatStarted({ id: 1 });
    expect(heard).toEqual(['chat:started']);
  });

  it('use() of an uncalled factory names use()', () => {
    expect(() => install(quiet()).use(ga4 as never)).toThrow('iadvize-bridge use(): a plugin factory must be called: write ga4() not ga4');
  });

  it('anything else a setup throws stays guarded and reported', () => {
    const errors: unknown[] = [];
    const bridge = install({ window: newWindow(), onError: (error) => errors.push(error) });
    expect(() =>
      bridge.use({
        name: 'buggy',
        setup: () => {
          throw new TypeError('oops');
        },
      }),
    ).not.toThrow();
    expect(errors).toEqual([new TypeError('oops')]);
  });
});

describe('a plugin is read once, when it is added', () => {
  it('a send or name getter that throws later, or a Proxy, never reaches the tag', () => {
    const win = newWindow();
    const errors: unknown[] = [];
    let armed = false;
    const heard: string[] = [];
    const plugin = {
      get name() {
        if (armed) throw new Error('name getter');
        return 'tricky';
      },
      get send() {
        if (armed) throw new Error('send getter');
        return (event: { type: string }) => heard.push(event.type);
      },
    };
    const proxy = new Proxy(
      { name: 'proxied', send: () => {} },
      {
        get: (target, key) =>
          armed
            ? (() => {
                throw new Error('trap');
              })()
            : target[key as 'name'],
      },
    );
    install({ window: win, plugins: [plugin as AnyPlugin, proxy], onError: (error) => errors.push(error) });
    armed = true;
    const callbacks = (win as unknown as { iAdvizeCallbacks: Record<string, (raw: unknown) => void> }).iAdvizeCallbacks;
    expect(() => callbacks.onChatStarted({ chatId: '1' })).not.toThrow();
    expect(heard).toEqual(['chat:started']);
    expect(errors).toEqual([]);
  });

  it('a throwing emits or teardown getter neither escapes use() nor destroy()', () => {
    const errors: unknown[] = [];
    const bridge = install({ window: newWindow(), onError: (error) => errors.push(error) });
    const throwing = {
      name: 'a',
      get emits(): string[] {
        throw new Error('emits getter');
      },
    };
    expect(() => bridge.use(throwing)).not.toThrow();
    expect(errors).toEqual([new Error('emits getter')]);
    let armed = false;
    bridge.use({
      name: 'b',
      get teardown() {
        if (armed) throw new Error('teardown getter');
        return () => {};
      },
    });
    armed = true;
    expect(() => bridge.destroy()).not.toThrow();
  });

  it('fields of the wrong type are errors naming the plugin', () => {
    const bridge = install(quiet());
    expect(() => bridge.use({ name: 'p', setup: 42 } as never)).toThrow('iadvize-bridge plugin "p": `setup` must be a function');
    expect(() => bridge.use({ name: 'p', send: 'x' } as never)).toThrow('plugin "p": `send` must be a function');
    expect(() => bridge.use({ name: 'p', emits: 'x:y' } as never)).toThrow('plugin "p": `emits` must be an array of event types');
  });
});

describe('options that are not a plain object, or hide a key', () => {
  it('arrays, Maps and Dates are refused, with what they are', () => {
    expect(() => install([] as never)).toThrow('iadvize-bridge install(): takes an options object ({ ... }), got Array');
    expect(() => ga4([] as never)).toThrow('ga4(): takes an options object ({ ... }), got Array');
    expect(() => webSdk(new Map() as never)).toThrow('got Map');
    expect(() => memoryStore([] as never)).toThrow('memoryStore(): takes an options object ({ ... }), got Array');
    expect(() => memoryStore(null as never)).toThrow('memoryStore(): takes an options object ({ ... }), got Null');
    expect(() => install(new Date() as never)).toThrow('got Date');
  });

  it('an inherited typo is seen; a key every object inherits from a script is not held against the caller', () => {
    expect(() => install(Object.assign(Object.create({ Debug: true }), quiet()))).toThrow('unknown option `Debug`: did you mean `debug`?');
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      expect(() => install(quiet())).not.toThrow();
    } finally {
      delete proto.polluted;
    }
  });

  it('a window that is not one is refused', () => {
    expect(() => install({ window: {} as never })).toThrow('`window` must be a browser window, with its `location`');
  });
});

describe('on() options and listeners', () => {
  it('a misspelled or mistyped option, a missing listener, are errors', () => {
    const bridge = install(quiet());
    expect(() => bridge.on('chat:started', () => {}, { Replay: true } as never)).toThrow(
      'iadvize-bridge on(): unknown option `Replay`: did you mean `replay`?',
    );
    expect(() => bridge.on('chat:started', () => {}, { replay: 'yes' } as never)).toThrow('on(): `replay` must be true or false');
    expect(() => bridge.on('chat:started', null as never)).toThrow('on(): the listener for "chat:started" is not a function');
    expect(() => bridge.once('chat:started', () => {}, [] as never)).toThrow('got Array');
    expect(bridge.on('chat:started', vi.fn(), { replay: true })).toBeTypeOf('function');
  });
});
