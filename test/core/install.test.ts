import { afterEach, describe, expect, it, vi } from 'vitest';
import { install, type Adapter, type BridgeEvent } from '../../src/index.js';
import { loadTag } from '../helpers.js';
import { newWindow, page } from '../helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('on / once / off', () => {
  it('on() returns its unsubscribe', () => {
    const { bridge, tag } = page();
    const listener = vi.fn();
    const stop = bridge.on('chat:started', listener);
    tag.fire('onChatStarted', { id: 1 });
    stop();
    tag.fire('onChatStarted', { id: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0][0]).toMatchObject({ chatId: '1' });
  });

  it('off() removes a listener', () => {
    const { bridge, tag } = page();
    const listener = vi.fn();
    bridge.on('call:started', listener);
    bridge.off('call:started', listener);
    tag.fire('onCallStarted', null);
    expect(listener).not.toHaveBeenCalled();
  });

  it('once() hears one event only', () => {
    const { bridge, tag } = page();
    const listener = vi.fn();
    bridge.once('message:sent', listener);
    tag.fire('onMessageSent', { msg: 'a' });
    tag.fire('onMessageSent', { msg: 'b' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("'*' receives every event, after the listeners of that type", () => {
    const { bridge, tag } = page();
    const order: string[] = [];
    bridge.on('*', (e) => order.push(`*:${e.type}`));
    bridge.on('chat:displayed', (e) => order.push(e.type));
    tag.fire('onChatDisplayed', null);
    tag.fire('onCallStarted', null);
    expect(order).toEqual(['chat:displayed', '*:chat:displayed', '*:call:started']);
  });

  it('a listener that unsubscribes during dispatch does not make its neighbour miss the event', () => {
    const { bridge, tag } = page();
    const second = vi.fn();
    const stop = bridge.on('chat:hidden', () => stop());
    bridge.on('chat:hidden', second);
    tag.fire('onChatHidden');
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('rejects unknown event types and non-function listeners with a clear error', () => {
    const { bridge } = page();
    expect(() => bridge.on('chat:start' as 'chat:started', () => {})).toThrow(/unknown event type "chat:start"/);
    expect(() => bridge.on('chat:started', 'nope' as unknown as () => void)).toThrow(/not a function/);
  });
});

describe('replay', () => {
  it('gives a late subscriber the last event of its type at once', () => {
    const { bridge, tag } = page();
    tag.fire('onChatStarted', { id: 1 });
    tag.fire('onChatStarted', { id: 2 });
    const listener = vi.fn();
    bridge.on('chat:started', listener, { replay: true });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0][0]).toMatchObject({ chatId: '2' });
    tag.fire('onChatStarted', { id: 3 });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('gives nothing without replay or when nothing happened yet', () => {
    const { bridge, tag } = page();
    const early = vi.fn();
    bridge.on('chat:ended', early, { replay: true });
    tag.fire('onChatEnded', { id: 1 });
    const late = vi.fn();
    bridge.on('chat:ended', late);
    expect(early).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
  });

  it('once() with replay is satisfied by the past event and stays quiet after', () => {
    const { bridge, tag } = page();
    tag.fire('onChatStarted', { id: 1 });
    const listener = vi.fn();
    bridge.once('chat:started', listener, { replay: true });
    tag.fire('onChatStarted', { id: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0][0]).toMatchObject({ chatId: '1' });
  });

  it("'*' with replay receives the most recent event", () => {
    const { bridge, tag } = page();
    tag.fire('onChatStarted', { id: 1 });
    tag.fire('onMessageSent', { msg: 'hi' });
    const listener = vi.fn();
    bridge.on('*', listener, { replay: true });
    expect(listener.mock.calls.map(([e]) => (e as BridgeEvent).type)).toEqual(['message:sent']);
  });
});

describe('isolation', () => {
  it('a throwing listener stops neither the others, nor adapters, nor the site callback, nor the tag', () => {
    const win = newWindow();
    const site = vi.fn();
    (win as unknown as { iAdvizeCallbacks: object }).iAdvizeCallbacks = { onChatStarted: site };
    const onError = vi.fn();
    const sent: string[] = [];
    const adapter: Adapter = { name: 'memory', send: (e) => sent.push(e.type) };
    const bridge = install({ window: win, onError, adapters: [adapter] });
    const boom = new Error('listener bug');
    bridge.on('chat:started', () => {
      throw boom;
    });
    const after = vi.fn();
    bridge.on('chat:started', after);
    const tag = loadTag(win, 'boot');
    expect(() => tag.fire('onChatStarted', { id: 1 })).not.toThrow();
    expect(site).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledTimes(1);
    expect(sent).toEqual(['chat:started']);
    expect(onError).toHaveBeenCalledWith(boom, { source: 'listener', type: 'chat:started' });
  });

  it('a throwing site callback and adapter are reported with their source', () => {
    const win = newWindow();
    const siteError = new Error('site bug');
    (win as unknown as { iAdvizeCallbacks: object }).iAdvizeCallbacks = {
      onChatEnded: () => {
        throw siteError;
      },
    };
    const onError = vi.fn();
    const adapterError = new Error('vendor bug');
    const good = vi.fn();
    const bridge = install({
      window: win,
      onError,
      adapters: [
        {
          name: 'broken',
          send: () => {
            throw adapterError;
          },
        },
        { name: 'good', send: good },
      ],
    });
    const listener = vi.fn();
    bridge.on('chat:ended', listener);
    expect(() => loadTag(win, 'late').fire('onChatEnded', { id: 1 })).not.toThrow();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(good).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(siteError, { source: 'callback', type: 'onChatEnded' });
    expect(onError).toHaveBeenCalledWith(adapterError, { source: 'plugin', type: 'chat:ended', plugin: 'broken' });
  });

  it('without onError, logs each listener and message once', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { bridge, tag } = page();
    bridge.on('chat:displayed', () => {
      throw new Error('always');
    });
    bridge.on('chat:displayed', () => {
      throw new Error('always');
    });
    for (let i = 0; i < 5; i++) tag.fire('onChatDisplayed', null);
    expect(error).toHaveBeenCalledTimes(2);
    expect(error.mock.calls[0][0]).toContain('listener failed on chat:displayed');
  });

  it('an onError that throws does not reach the tag', () => {
    const { bridge, tag } = page({
      onError: () => {
        throw new Error('reporter bug');
      },
    });
    bridge.on('chat:hidden', () => {
      throw new Error('x');
    });
    expect(() => tag.fire('onChatHidden')).not.toThrow();
  });
});

describe('install()', () => {
  it('returns the same bridge for a second install on the same window, so events are emitted once', () => {
    const win = newWindow();
    const first = install({ window: win });
    const sent = vi.fn();
    const second = install({ window: win, adapters: [{ name: 'late', send: sent }] });
    expect(second).toBe(first);
    const listener = vi.fn();
    first.on('chat:started', listener);
    loadTag(win, 'late').fire('onChatStarted', { id: 1 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('gives separate windows separate bridges', () => {
    expect(install({ window: newWindow() })).not.toBe(install({ window: newWindow() }));
  });

  it.each([
    [null, /options object/],
    [{ adapters: 'ga4' }, /adapters.*array/],
    [{ adapters: [{ name: 'x' }] }, /send\(event\)/],
    [{ adapters: [null] }, /a plugin is an object with a `name`, got null/],
    [{ onError: 'log' }, /onError.*function/],
  ])('rejects bad options %j with a clear error', (options, message) => {
    const withWindow = options === null ? null : { window: newWindow(), ...options };
    expect(() => install(withWindow as never)).toThrow(message);
  });

  it('logs every raw callback and its event in debug mode, also from ?iadvize_debug=1', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const { tag } = page({ win: newWindow('https://shop.example/?a=1&iadvize_debug=1') });
    const raw = { id: 1 };
    tag.fire('onChatStarted', raw);
    expect(info).toHaveBeenCalledWith('[iadvize-bridge] onChatStarted', raw, '->', expect.objectContaining({ chatId: '1' }));
    info.mockClear();
    page().tag.fire('onChatStarted', raw);
    expect(info).not.toHaveBeenCalled();
  });
});
