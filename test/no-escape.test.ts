import { afterEach, describe, expect, it, vi } from 'vitest';
import { custom, ga4, gtm, install, mixpanel, QUEUE_MS, RETRY_MS, type Adapter } from '../src/index.js';
import { optionsFromScript } from '../src/script-options.js';
import { loadFakeTag } from './fake-tag.js';
import { newWindow, page } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('code the library does not own never throws into the tag or the page', () => {
  it("a console wrapped by the site that throws: debug logging goes quiet, listeners, adapters and the tag go on", () => {
    vi.spyOn(console, 'info').mockImplementation(() => {
      throw new Error('log collector down');
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {
      throw new Error('log collector down');
    });
    const win = newWindow();
    loadFakeTag(win, 'late'); // a tag already there: install warns in debug mode
    const sent: string[] = [];
    const bridge = install({ window: win, debug: true, adapters: [custom((event) => sent.push(event.type))] });
    const heard: string[] = [];
    bridge.on('chat:started', (event) => heard.push(event.chatId));
    expect(() => loadFakeTag(win, 'late').fire('onChatStarted', { id: 1 })).not.toThrow();
    expect(heard).toEqual(['1']);
    expect(sent).toEqual(['chat:started']);
  });

  it('a tool whose method getter throws: onError is told once, the queue does not stick, events expire and are counted', () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    const adapter = mixpanel();
    const { win, tag } = page({ adapters: [adapter], onError });
    Object.defineProperty(win, 'mixpanel', {
      configurable: true,
      get: () => ({
        get track(): never {
          throw new Error('getter trap');
        },
      }),
    });
    expect(() => tag.fire('onChatStarted', { id: 1 })).not.toThrow();
    expect(() => vi.advanceTimersByTime(RETRY_MS * 10)).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![1]).toMatchObject({ source: 'adapter', adapter: 'mixpanel' });
    expect(adapter.stats.pending).toBe(1);
    vi.advanceTimersByTime(QUEUE_MS + RETRY_MS * 2);
    expect(adapter.stats).toMatchObject({ pending: 0, droppedExpired: 1, sent: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('destroy() inside a listener stops the delivery of that event to the other listeners and to adapters', () => {
    const sent: string[] = [];
    const { bridge, tag } = page({ adapters: [custom((event) => sent.push(event.type))] });
    const later = vi.fn();
    bridge.on('chat:started', () => bridge.destroy());
    bridge.on('chat:started', later);
    bridge.on('*', later);
    tag.fire('onChatStarted', { id: 1 });
    expect(later).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('destroy() releases pending sdk.get calls and takes back what the tag has not run', async () => {
    vi.useFakeTimers();
    const win = newWindow();
    const bridge = install({ window: win });
    bridge.sdk.navigate('/cart');
    const answer = bridge.sdk.get('tag:version');
    const queue = (win as unknown as { iAdvizeInterface: unknown[] }).iAdvizeInterface;
    expect(queue.length).toBeGreaterThan(0);
    bridge.destroy();
    await expect(answer).rejects.toThrow(/destroyed before the tag answered get\('tag:version'\)/);
    expect(queue).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('install/destroy cycles leave nothing behind in the Web SDK queue', () => {
    const win = newWindow();
    for (let i = 0; i < 100; i++) install({ window: win, followNavigation: true }).destroy();
    expect((win as unknown as { iAdvizeInterface: unknown[] }).iAdvizeInterface).toEqual([]);
  });
});

describe('one adapter per name', () => {
  it('the same adapter object given twice, or install({ adapters: [ga4()] }) twice on one page: each event reaches the tool once', () => {
    const gtag = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    Object.assign(win, { gtag });
    const shared = gtm();
    install({ window: win, adapters: [ga4(), shared, shared] });
    install({ window: win, adapters: [ga4(), shared] });
    loadFakeTag(win, 'late').fire('onChatStarted', { id: 1 });
    expect(gtag).toHaveBeenCalledTimes(1);
    expect((win as unknown as { dataLayer: Array<{ event?: string }> }).dataLayer.filter((entry) => entry.event)).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('adapter "ga4" replaces an earlier one of that name'));
  });

  it('the later configuration wins: a script tag ga4 then an app ga4({ consent }) keeps the consent', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const gtag = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag });
    install({ window: win, adapters: [ga4()] });
    install({ window: win, adapters: [ga4({ consent: () => false })] });
    loadFakeTag(win, 'late').fire('onChatStarted', { id: 1 });
    expect(gtag).not.toHaveBeenCalled();
  });

  it('two adapters of one kind with their own id both receive every event', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { tag } = page({ adapters: [custom(first, { id: 'crm' }), custom(second, { id: 'warehouse' })] });
    tag.fire('onChatStarted', { id: 1 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(() => custom(first, { id: '' })).toThrow(/`id` must be a non-empty string/);
  });

  it('a replaced adapter is detached: its timer stops', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const detach = vi.fn();
    const first: Adapter = { name: 'tool', send: () => {}, detach };
    const win = newWindow();
    install({ window: win, adapters: [first] });
    install({ window: win, adapters: [{ name: 'tool', send: () => {} }] });
    expect(detach).toHaveBeenCalledTimes(1);
  });
});

describe('script-tag attributes', () => {
  const factories = { ga4, gtm };
  const read = (attributes: Record<string, string>) => optionsFromScript((name) => attributes[name] ?? null, factories);

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('"%s ga4" installs ga4 and says the other is unknown', (name) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { adapters } = read({ 'data-analytics': `${name} ga4` });
    expect(adapters.map((adapter) => adapter.name)).toEqual(['ga4']);
    expect(error).toHaveBeenCalledWith(expect.stringContaining(`unknown adapter "${name}"`));
  });

  it('a name listed twice is used once', () => {
    expect(read({ 'data-analytics': 'ga4 gtm ga4,gtm' }).adapters.map((adapter) => adapter.name)).toEqual(['ga4', 'gtm']);
  });

  it.each([
    ['', true], ['true', true], ['1', true], ['yes', true], ['YES', true],
    ['false', false], ['0', false], ['no', false],
  ])('data-include-ids="%s" means %s', (value, expected) => {
    const sent = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag: sent });
    const options = read({ 'data-analytics': 'ga4', 'data-include-ids': value });
    install({ window: win, adapters: options.adapters });
    loadFakeTag(win, 'late').fire('onChatStarted', { id: 7 });
    expect('chat_id' in (sent.mock.calls[0]![2] as object)).toBe(expected);
  });

  it('any other data-include-ids value is a console error and leaves ids off', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const sent = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag: sent });
    install({ window: win, adapters: read({ 'data-analytics': 'ga4', 'data-include-ids': 'sometimes' }).adapters });
    loadFakeTag(win, 'late').fire('onChatStarted', { id: 7 });
    expect(sent.mock.calls[0]![2]).not.toHaveProperty('chat_id');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('data-include-ids="sometimes"'));
  });
});
