import { afterEach, describe, expect, it, vi } from 'vitest';
import { ga4, install, type Plugin } from '../../src/index.js';
import { newWindow } from '../helpers.js';

const nextTask = () =>
  new Promise<void>((resolve) => {
    setTimeout(resolve);
  });

afterEach(() => {
  vi.restoreAllMocks();
});

type CounterEvents = { 'counter:tick': { count: number } };
const counter = (events: unknown, name = 'counter'): Plugin<{ tick(): void }, CounterEvents> => ({
  name,
  events: events as never,
  setup: (context) => ({ tick: () => context.emit('counter:tick', { count: 1 }) }),
});
const gtagOn = (win: Window) => {
  const gtag = vi.fn();
  Object.assign(win, { gtag });
  return gtag;
};

describe('hostile plugins and adapters around plugin events', () => {
  it('destroy() before the deferred check: nothing said, nothing thrown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = newWindow();
    const bridge = install({
      window: win,
      plugins: [counter({ 'counter:tick': { name: 'counter_tick' } }), ga4({ events: ['counter:tick'] as never })],
    });
    bridge.destroy();
    await nextTask();
    expect(warn).not.toHaveBeenCalled();
  });

  it("a plugin replaced by another of the same name: the adapter uses the new plugin's row", () => {
    const win = newWindow();
    const gtag = gtagOn(win);
    const bridge = install({ window: win, plugins: [counter({ 'counter:tick': { name: 'old_tick', on: true } }), ga4()] });
    bridge.tick();
    const again = bridge.use(counter({ 'counter:tick': { name: 'new_tick', on: true } }));
    again.tick();
    expect(gtag.mock.calls.map((call) => call[1] as unknown)).toEqual(['old_tick', 'new_tick']);
  });

  it('an `events` getter is read once, when the plugin is added', () => {
    const win = newWindow();
    const gtag = gtagOn(win);
    const onError = vi.fn();
    let reads = 0;
    const plugin = {
      name: 'counter',
      get events() {
        if (++reads > 1) throw new Error('events read again');
        return { 'counter:tick': { name: 'counter_tick', on: true } };
      },
      setup: (context: { emit(type: string, payload: object): void }) => ({ tick: () => context.emit('counter:tick', { count: 1 }) }),
    } as unknown as Plugin<{ tick(): void }, CounterEvents>;
    const bridge = install({ window: win, onError, plugins: [plugin, ga4()] });
    bridge.tick();
    bridge.tick();
    expect(onError).not.toHaveBeenCalled();
    expect(gtag).toHaveBeenCalledTimes(2);
  });

  it('an `events` getter that throws at once: reported, the plugin left out, nothing thrown', () => {
    const onError = vi.fn();
    const plugin = {
      name: 'counter',
      get events(): never {
        throw new Error('boom');
      },
    } as unknown as Plugin;
    expect(() => install({ window: newWindow(), onError, plugins: [plugin, ga4()] })).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }), expect.objectContaining({ type: 'setup' }));
  });

  it('a Proxy plugin whose every trap throws: reported, nothing thrown', () => {
    const onError = vi.fn();
    const trap = () => {
      throw new Error('trap');
    };
    const plugin = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap }) as Plugin;
    expect(() => install({ window: newWindow(), onError, plugins: [plugin] })).not.toThrow();
    expect(onError).toHaveBeenCalled();
  });

  it('`events` with an own __proto__ key, a null prototype and frozen rows: forwarded by its row, nothing else changes', () => {
    const win = newWindow();
    const gtag = gtagOn(win);
    const events = JSON.parse(
      '{"__proto__": {"name": "proto_tick", "on": true}, "counter:tick": {"name": "counter_tick", "on": true}}',
    ) as object;
    const bare = Object.assign(Object.create(null) as object, { 'counter:tick': Object.freeze({ name: 'bare_tick', on: true }) });
    const bridge = install({ window: win, plugins: [counter(Object.freeze(events)), counter(bare, 'bare'), ga4()] });
    bridge.tick();
    expect(gtag.mock.calls.map((call) => call[1] as unknown)).toEqual(['counter_tick']);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it('the warning for a listed event is said once per adapter and type, even listed twice and in `name`', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    install({
      window: newWindow(),
      plugins: [ga4({ events: ['counter:tick', 'counter:tick'] as never, name: { 'counter:tick': 'x' } as never })],
    });
    await nextTask();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
