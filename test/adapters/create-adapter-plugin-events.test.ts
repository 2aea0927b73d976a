import { afterEach, describe, expect, it, vi } from 'vitest';
import { custom, ga4, iadvizeTag, install, matomo, type AnalyticsAdapter, type Plugin } from '../../src/index.js';
import { loadTag, newWindow } from '../helpers.js';
import { newPage, scripts } from '../plugins/iadvize-tag/tag-page.js';

/** After the page's own code of this task: when an adapter checks the plugin events it lists. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve);
  });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

type CounterEvents = { 'counter:tick': { count: number; secret: string } };
/** A plugin of the site's own that declares its event with the row analytics tools use. */
const counter = (
  row: object = { name: 'counter_tick', on: true, params: (e: { count: number }) => ({ count: e.count }) },
): Plugin<{ tick(): void }, CounterEvents> => ({
  name: 'counter',
  events: { 'counter:tick': row as never },
  setup(context) {
    let count = 0;
    return { tick: () => context.emit('counter:tick', { count: ++count, secret: 'typed by the visitor' }) };
  },
});

describe('a plugin owns its events: the adapters forward them by the rows it declares', () => {
  it("iadvizeTag()'s tag:failed reaches gtag as chat_tag_failed when ga4's events list it, without the tag's URL", () => {
    const gtag = vi.fn();
    const win = newPage();
    Object.assign(win, { gtag });
    const bridge = install({
      window: win,
      plugins: [iadvizeTag({ sid: 1, src: 'https://cdn.example/iadvize.js?sid=1' }), ga4({ events: ['tag:failed'] })],
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    scripts(win)[0].onerror!(new Event('error'));
    expect(bridge.tag.status).toBe('failed');
    expect(gtag.mock.calls).toEqual([['event', 'chat_tag_failed', {}]]);
  });

  it('by default, only the rows marked `on` are forwarded, with their privacy-safe parameters only', () => {
    const gtag = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag });
    const bridge = install({ window: win, plugins: [counter(), ga4()] });
    bridge.tick();
    expect(gtag.mock.calls).toEqual([['event', 'counter_tick', { count: 1 }]]);
  });

  it('a row without `on` waits to be listed; other tools derive their names from the row, as for the core events', () => {
    const pushed: unknown[][] = [];
    const win = newWindow();
    Object.assign(win, { _paq: { push: (item: unknown[]) => pushed.push(item) } });
    const bridge = install({
      window: win,
      plugins: [counter({ name: 'counter_tick' }), matomo(), matomo({ id: 'listed', events: ['counter:tick'] as never })],
    });
    bridge.tick();
    expect(pushed).toEqual([['trackEvent', 'iAdvize', 'Counter Tick']]);
  });

  it('listing an event no installed plugin emits says so once on the console, naming the plugin to add', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    // The type check refuses both; a page without it (a script tag, a list built at run time) hears it here.
    const bridge = install({ window: win, plugins: [ga4({ events: ['chat:started', 'tag:failed', 'va:handoff'] }) as AnalyticsAdapter] });
    const unchecked: AnalyticsAdapter = custom(() => {}, { events: ['va:handoff'] });
    bridge.use(unchecked);
    await nextTask();
    expect(warn.mock.calls.map(([line]) => line as unknown)).toEqual([
      '[iadvize-bridge] ga4(): "tag:failed" is not forwarded: add the plugin that emits it, with a `name` in its `events`',
      '[iadvize-bridge] ga4(): "va:handoff" is not forwarded: add the plugin that emits it, with a `name` in its `events`',
      '[iadvize-bridge] custom(): "va:handoff" is not forwarded: add the plugin that emits it, with a `name` in its `events`',
    ]);
  });

  it('a plugin listed after the adapter in the same install, or added in the same task, is in time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const gtag = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag });
    const bridge = install({ window: win, plugins: [ga4({ events: ['counter:tick'] as never })] }).use(counter());
    await nextTask();
    bridge.tick();
    expect(warn).not.toHaveBeenCalled();
    expect(gtag).toHaveBeenCalledWith('event', 'counter_tick', { count: 1 });
  });

  it('an event declared without an analytics name (or with the older `emits`) is heard, never forwarded, and said once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const gtag = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag });
    const legacy: Plugin<{ tick(): void }, CounterEvents> = {
      name: 'legacy',
      emits: ['counter:tick'],
      setup: (context) => ({ tick: () => context.emit('counter:tick', { count: 1, secret: 's' }) }),
    };
    const bridge = install({ window: win, plugins: [legacy, ga4({ events: ['counter:tick'] as never })] });
    const heard = vi.fn();
    bridge.on('counter:tick', heard);
    await nextTask();
    bridge.tick();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(gtag).not.toHaveBeenCalled();
    expect(warn.mock.calls).toEqual([
      ['[iadvize-bridge] ga4(): "counter:tick" is not forwarded: add the plugin that emits it, with a `name` in its `events`'],
    ]);
  });

  it("a row's own code that throws drops that event, counted and reported, and the tag goes on", () => {
    const onError = vi.fn();
    const gtag = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag });
    const adapter = ga4();
    const bridge = install({
      window: win,
      onError,
      plugins: [
        counter({
          name: 'counter_tick',
          on: true,
          params: () => {
            throw new Error('row');
          },
        }),
        adapter,
      ],
    });
    bridge.tick();
    loadTag(win, 'late').fire('onChatStarted', { id: 1 });
    expect(adapter.stats.droppedInvalid).toBe(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'row' }), expect.objectContaining({ type: 'counter:tick' }));
    expect(gtag).toHaveBeenCalledWith('event', 'chat_started', { chat_channel: 'chat' });
  });

  it('a malformed `events` is an error where the plugin is added', () => {
    for (const events of [['counter:tick'], null, 'counter:tick']) {
      const plugin = { name: 'counter', events } as unknown as Plugin;
      expect(() => install({ window: newWindow(), plugins: [plugin] })).toThrow(
        'plugin "counter": `events` must be an object of event types',
      );
    }
  });

  it('a malformed row drops that event at the adapter, counted and reported; the listeners still hear it', () => {
    const onError = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag: vi.fn() });
    const adapter = ga4();
    const bridge = install({ window: win, onError, plugins: [counter({ name: 'counter_tick', on: true, params: 'count' }), adapter] });
    const heard = vi.fn();
    bridge.on('counter:tick', heard);
    bridge.tick();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(adapter.stats.droppedInvalid).toBe(1);
    expect(onError).toHaveBeenCalledWith(expect.any(TypeError), expect.objectContaining({ type: 'counter:tick', plugin: 'ga4' }));
  });

  it('a typo of a core event is still an error where the adapter is made; a plugin-shaped name waits for its plugin', () => {
    expect(() => ga4({ events: ['chat:begun' as 'chat:started'] })).toThrow(/unknown event types in `events`: chat:begun/);
    expect(() => ga4({ name: { 'message:recieved': 'x' } as never })).toThrow(/unknown event type "message:recieved" in `name`/);
    expect(() => ga4({ events: ['not an event' as 'chat:started'] })).toThrow(/unknown event types in `events`: not an event/);
    expect(() => ga4({ events: ['tag:failed', 'counter:tick' as 'chat:started'] })).not.toThrow();
  });

  it("a row whose getter throws is the adapter's failure, reported, never the tag's", () => {
    const onError = vi.fn();
    const win = newWindow();
    Object.assign(win, { gtag: vi.fn() });
    const row = {
      get name(): string {
        throw new Error('getter');
      },
      on: true as const,
    };
    const bridge = install({ window: win, onError, plugins: [counter(row), ga4()] });
    expect(() => bridge.tick()).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'getter' }), expect.objectContaining({ type: 'counter:tick' }));
  });
});
