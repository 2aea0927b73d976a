import { describe, expect, it, vi } from 'vitest';
import { gtm, install, type BridgeEvent } from '../../src/index.js';
import { loadTag } from '../helpers.js';
import { newWindow } from '../helpers.js';

/**
 * iAdvize documents two ways to add a function to a callback that may already have one: keep the
 * current function in a variable and call it first from the new one. These are its own texts.
 */
type Callbacks = Record<string, unknown> & { onChatStarted?: (ctx: unknown) => void };
type Host = { iAdvizeCallbacks: Callbacks };
type Chain = (win: Window, label: string, calls: string[]) => void;

/** The 2021 text: `var temp = ...onChatStarted || (() => {}); iAdvizeCallbacks.onChatStarted = function (ctx) { temp(ctx); ... }`. */
const chain2021: Chain = (win, label, calls) => {
  const host = win as unknown as Host;
  const temp = host.iAdvizeCallbacks.onChatStarted || (() => {});
  host.iAdvizeCallbacks.onChatStarted = function (ctx: unknown) {
    temp(ctx);
    calls.push(label);
  };
};

/** The 2022 text: `window.iAdvizeCallbacks = { ...window.iAdvizeCallbacks, onChatStarted(ctx) { temp(ctx); ... } }`. */
const chain2022: Chain = (win, label, calls) => {
  const host = win as unknown as Host;
  const temp = host.iAdvizeCallbacks.onChatStarted || (() => {});
  host.iAdvizeCallbacks = {
    ...host.iAdvizeCallbacks,
    onChatStarted(ctx: unknown) {
      temp(ctx);
      calls.push(label);
    },
  };
};

/** The page before anything: the site's own first function, declared as the 2017 snippet does. */
function sitePage(withFirstFunction: boolean, calls: string[]) {
  const win = newWindow();
  if (withFirstFunction) (win as unknown as Host).iAdvizeCallbacks = { onChatStarted: () => calls.push('first') };
  return win;
}

function record(win: Window) {
  const dataLayer: unknown[] = [];
  Object.assign(win, { dataLayer });
  const bridge = install({ window: win, adapters: [gtm()] });
  const events: BridgeEvent[] = [];
  bridge.on('*', (event) => events.push(event));
  const pushes = () => dataLayer.filter((entry) => (entry as { event?: string }).event === 'chat_started').length;
  return { bridge, events, pushes };
}

describe.each(['late', 'boot'] as const)('chained callbacks, tag lookup %s', (lookup) => {
  describe.each([
    ['2021 per-property chain', chain2021],
    ['2022 spread chain', chain2022],
  ] as const)('%s', (_name, chain) => {
    it.each([true, false])('one level, site function before the chain: %s; each function once, one event', (withFirst) => {
      const calls: string[] = [];
      const win = sitePage(withFirst, calls);
      const { events, pushes } = record(win);
      const tag = loadTag(win, lookup);
      chain(win, 'added', calls);
      tag.fire('onChatStarted', { id: 1 });
      expect(calls).toEqual(withFirst ? ['first', 'added'] : ['added']);
      expect(events.map((event) => event.type)).toEqual(['chat:started']);
      expect(pushes()).toBe(1);
    });

    it('several modules each adding one, before and after the tag loaded: the order the chain implies', () => {
      const calls: string[] = [];
      const win = sitePage(true, calls);
      const { events, pushes } = record(win);
      chain(win, 'module A', calls);
      const tag = loadTag(win, lookup);
      chain(win, 'module B', calls);
      chain(win, 'module C', calls);
      tag.fire('onChatStarted', { id: 1 });
      tag.fire('onChatStarted', { id: 2 });
      expect(calls).toEqual(['first', 'module A', 'module B', 'module C', 'first', 'module A', 'module B', 'module C']);
      expect(events.map((event) => event.type)).toEqual(['chat:started', 'chat:started']);
      expect(pushes()).toBe(2);
    });
  });

  it('a chain mixing both texts still runs each function once', () => {
    const calls: string[] = [];
    const win = sitePage(true, calls);
    const { events } = record(win);
    const tag = loadTag(win, lookup);
    chain2022(win, 'spread', calls);
    chain2021(win, 'property', calls);
    chain2022(win, 'spread again', calls);
    tag.fire('onChatStarted', { id: 1 });
    expect(calls).toEqual(['first', 'spread', 'property', 'spread again']);
    expect(events).toHaveLength(1);
  });

  it('a site function that never calls what it kept: the replaced one does not run, the event is still emitted once', () => {
    const calls: string[] = [];
    const win = sitePage(true, calls);
    const { events } = record(win);
    const tag = loadTag(win, lookup);
    const host = win as unknown as Host;
    const kept = host.iAdvizeCallbacks.onChatStarted;
    host.iAdvizeCallbacks.onChatStarted = () => calls.push('replacement');
    tag.fire('onChatStarted', { id: 1 });
    expect(calls).toEqual(['replacement']);
    host.iAdvizeCallbacks.onChatStarted = kept; // putting back what was read restores it
    tag.fire('onChatStarted', { id: 2 });
    expect(calls).toEqual(['replacement', 'first']);
    expect(events).toHaveLength(2);
  });

  it('the kept function gets the argument and the return value travels back to the tag', () => {
    const win = newWindow();
    const host = win as unknown as Host;
    host.iAdvizeCallbacks = { onChatStarted: (ctx: unknown) => `first saw ${(ctx as { id: number }).id}` };
    record(win);
    const tag = loadTag(win, lookup);
    const temp = host.iAdvizeCallbacks.onChatStarted as (ctx: unknown) => string;
    host.iAdvizeCallbacks.onChatStarted = (ctx: unknown) => `${temp(ctx)}, then the new one`;
    expect(tag.fire('onChatStarted', { id: 9 })).toBe('first saw 9, then the new one');
  });

  it('a kept function that throws is reported; the new one and the event go on', () => {
    const win = newWindow();
    const host = win as unknown as Host;
    const boom = new Error('site bug');
    host.iAdvizeCallbacks = {
      onChatStarted: () => {
        throw boom;
      },
    };
    const onError = vi.fn();
    const bridge = install({ window: win, onError });
    const events: string[] = [];
    bridge.on('*', (event) => events.push(event.type));
    const tag = loadTag(win, lookup);
    const calls: string[] = [];
    chain2021(win, 'after', calls);
    expect(() => tag.fire('onChatStarted', { id: 1 })).not.toThrow();
    expect(calls).toEqual(['after']);
    expect(events).toEqual(['chat:started']);
    expect(onError).toHaveBeenCalledWith(boom, { source: 'callback', type: 'onChatStarted' });
  });
});

describe('install / destroy cycles (hot reloading, SPA remounts, tests)', () => {
  /** How deep the call stack is when the site's callback runs: every wrapper adds frames. */
  const depthAt = (calls: number[]) => () => calls.push(new Error().stack!.split('\n').length);

  it('destroy() leaves window.iAdvizeCallbacks holding only the site functions', () => {
    const win = newWindow();
    const site = vi.fn();
    (win as unknown as Host).iAdvizeCallbacks = { onChatStarted: site, custom: 1 };
    const bridge = install({ window: win });
    const calls: string[] = [];
    chain2021(win, 'chained', calls);
    bridge.destroy();
    const callbacks = (win as unknown as Host).iAdvizeCallbacks;
    expect(Object.keys(callbacks).sort()).toEqual(['custom', 'onChatStarted']);
    callbacks.onChatStarted!({ id: 1 });
    expect(site).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['chained']);
  });

  it.each(['late', 'boot'] as const)(
    'after 5,000 cycles the site callback runs once per tag call, as deep in the stack as after one (%s)',
    (lookup) => {
      const measure = (cycles: number) => {
        const win = newWindow();
        const depths: number[] = [];
        (win as unknown as Host).iAdvizeCallbacks = { onChatStarted: depthAt(depths) };
        for (let i = 0; i < cycles; i++) install({ window: win }).destroy();
        const { events } = record(win);
        const tag = loadTag(win, lookup);
        tag.fire('onChatStarted', { id: 1 });
        tag.fire('onChatStarted', { id: 2 });
        return { depths, events: events.length };
      };
      const once = measure(1);
      const many = measure(5000);
      expect(many.depths).toHaveLength(2);
      expect(many.events).toBe(2);
      expect(many.depths).toEqual(once.depths);
    },
  );

  it('a chain kept across a destroy still runs each function once, with or without a new install', () => {
    const calls: string[] = [];
    const win = sitePage(true, calls);
    const first = install({ window: win });
    chain2021(win, 'chained', calls);
    first.destroy();
    const tag = loadTag(win, 'late');
    tag.fire('onChatStarted', { id: 1 });
    expect(calls).toEqual(['first', 'chained']);
    const { events } = record(win);
    tag.fire('onChatStarted', { id: 2 });
    expect(calls).toEqual(['first', 'chained', 'first', 'chained']);
    expect(events).toHaveLength(1);
  });
});
