import { afterEach, describe, expect, it, vi } from 'vitest';
import { custom, ga4, gtm, install, type Adapter, type Plugin } from '../../src/index.js';
import { loadTag, newWindow, page } from '../helpers.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
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
    loadTag(win, 'late').fire('onChatStarted', { id: 1 });
    expect(gtag).toHaveBeenCalledTimes(1);
    expect((win as unknown as { dataLayer: Array<{ event?: string }> }).dataLayer.filter((entry) => entry.event)).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('plugin "ga4" replaces an earlier one of that name'));
  });

  it('the later configuration wins: a script tag ga4 then an app ga4({ consent }) keeps the consent', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const gtag = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag });
    install({ window: win, adapters: [ga4()] });
    install({ window: win, adapters: [ga4({ consent: () => false })] });
    loadTag(win, 'late').fire('onChatStarted', { id: 1 });
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
    const first: Adapter = { name: 'tool', send: () => {}, teardown: detach };
    const win = newWindow();
    install({ window: win, adapters: [first] });
    install({ window: win, adapters: [{ name: 'tool', send: () => {} }] });
    expect(detach).toHaveBeenCalledTimes(1);
  });
});

describe('the plugin seam', () => {
  type Tick = { 'counter:tick': { count: number } };
  /** A plugin with all it may have: typed API, its own event and state, a subscription, a teardown. */
  function counterPlugin(log: string[] = []): Plugin<{ counter: { count(): number } }, Tick> {
    return {
      name: 'counter',
      emits: ['counter:tick'],
      setup(context) {
        let count = 0;
        context.on('chat:started', () => context.emit('counter:tick', { count: ++count }, 'raw'));
        log.push(`setup debug=${context.debug}`);
        return { counter: { count: () => count } };
      },
      teardown: () => void log.push('teardown'),
    };
  }

  it('a plugin adds typed API, emits its own events to listeners and to the other plugins, and keeps its state', () => {
    const sent: string[] = [];
    const spy: Plugin = { name: 'spy', send: (event) => void sent.push(event.type) };
    const { bridge, tag } = page({ plugins: [counterPlugin(), spy] });
    const ticks: number[] = [];
    bridge.on('counter:tick', (event) => ticks.push(event.count));
    tag.fire('onChatStarted', { id: 1 });
    tag.fire('onChatStarted', { id: 2 });
    expect(ticks).toEqual([1, 2]);
    expect(bridge.counter.count()).toBe(2);
    // The tick is raised while chat:started is being delivered: it waits its turn, so every tool hears them in order.
    expect(sent).toEqual(['chat:started', 'counter:tick', 'chat:started', 'counter:tick']);
  });

  it('use() adds one later; destroy() tears it down, ends its subscriptions and removes its API', () => {
    const log: string[] = [];
    const { bridge, tag } = page();
    const counted = bridge.use(counterPlugin(log));
    expect(counted).toBe(bridge);
    tag.fire('onChatStarted', { id: 1 });
    expect(counted.counter.count()).toBe(1);
    bridge.destroy();
    expect(log).toEqual(['setup debug=false', 'teardown']);
    expect('counter' in bridge).toBe(false);
  });

  it('a plugin of the same name replaces the first: torn down, its subscriptions ended', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first: string[] = [];
    const { bridge, tag } = page({ plugins: [counterPlugin(first)] });
    bridge.use(counterPlugin());
    tag.fire('onChatStarted', { id: 1 });
    expect(first).toEqual(['setup debug=false', 'teardown']);
    expect((bridge as unknown as { counter: { count(): number } }).counter.count()).toBe(1);
  });

  it('listening to a plugin event needs the plugin; a plugin may not replace bridge members or emit what it did not declare', () => {
    const onError = vi.fn();
    const { bridge } = page({ onError });
    expect(() => bridge.on('counter:tick' as never, () => {})).toThrow(/unknown event type "counter:tick".*plugin installed first/);
    bridge.use({ name: 'greedy', setup: () => ({ on: () => 'mine' }) });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('cannot replace bridge.on') }), {
      source: 'plugin',
      type: 'setup',
      plugin: 'greedy',
    });
    let emit: ((type: string) => void) | undefined;
    bridge.use({ name: 'sloppy', setup: (context) => void (emit = (type) => context.emit(type as never, {})) });
    expect(() => emit!('sloppy:thing')).toThrow(/emits "sloppy:thing", which is not in its `emits`/);
  });

  it('a plugin that throws in setup, send or teardown is reported and changes nothing else', () => {
    const onError = vi.fn();
    const heard = vi.fn();
    const boom = (where: string) => () => {
      throw new Error(where);
    };
    const { bridge, tag } = page({
      onError,
      plugins: [{ name: 'broken', setup: boom('setup'), send: boom('send'), teardown: boom('teardown') }],
    });
    bridge.on('chat:started', heard);
    tag.fire('onChatStarted', { id: 1 });
    bridge.destroy();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(tag.seen.errors).toEqual([]);
    expect(onError.mock.calls.map(([error, context]) => [(error as Error).message, context as unknown])).toEqual([
      ['setup', { source: 'plugin', type: 'setup', plugin: 'broken' }],
      ['send', { source: 'plugin', type: 'chat:started', plugin: 'broken' }],
      ['teardown', { source: 'plugin', type: 'teardown', plugin: 'broken' }],
    ]);
  });

  it('adapters and plugins are checked: a name is needed, an adapter needs send()', () => {
    expect(() => install({ window: newWindow(), plugins: [{} as never] })).toThrow(/each plugin needs a non-empty string `name`/);
    expect(() => install({ window: newWindow(), adapters: [{ name: 'x' } as never] })).toThrow(
      /each adapter needs a `send\(event\)` function/,
    );
    expect(() => install({ window: newWindow(), plugins: 'ga4' as never })).toThrow(/`plugins` must be an array/);
  });
});

describe("a plugin's emit", () => {
  it('may emit an event type another installed plugin declares, as in 0.1.0; a type nobody declares is a mistake', () => {
    const owner: Plugin<object, { 'x:y': object }> = { name: 'owner', emits: ['x:y'] };
    const emit: Record<string, () => void> = {};
    const helper: Plugin<object, { 'x:y': object; 'x:z': object }> = {
      name: 'helper',
      setup(context) {
        emit.y = () => context.emit('x:y', {});
        emit.z = () => context.emit('x:z', {});
      },
    };
    const bridge = install({ window: newWindow(), plugins: [owner, helper] });
    const heard: string[] = [];
    bridge.on('x:y', (e) => heard.push(e.type));
    expect(() => emit.y()).not.toThrow();
    expect(heard).toEqual(['x:y']);
    expect(() => emit.z()).toThrow('plugin "helper": emits "x:z", which is not in its `emits` or `events`');
  });
});
