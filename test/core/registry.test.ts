import { describe, expect, it, vi } from 'vitest';
import { install, type BridgeEvent } from '../../src/index.js';
import { CALLBACK_NAMES, loadTag } from '../helpers.js';
import { newWindow, page } from '../helpers.js';

type Host = { iAdvizeCallbacks?: Record<string, unknown> };
const host = (win: Window) => win as unknown as Host;
const types = (events: BridgeEvent[]) => events.map((event) => event.type);

describe('window.iAdvizeCallbacks', () => {
  it('holds a function for every documented callback', () => {
    const { win } = page();
    for (const name of CALLBACK_NAMES) expect(typeof host(win).iAdvizeCallbacks![name]).toBe('function');
    expect(Object.keys(host(win).iAdvizeCallbacks!)).toEqual(expect.arrayContaining(CALLBACK_NAMES));
  });

  it('never returns a value or throws into the tag for a callback the site did not define', () => {
    const { tag } = page();
    for (const name of CALLBACK_NAMES) expect(() => tag.fire(name, undefined)).not.toThrow();
  });
});

describe('callbacks the site defined before install', () => {
  it('are called first, with the original argument and the site object as this', () => {
    const win = newWindow();
    const order: string[] = [];
    const site = {
      prefix: 'site',
      onChatStarted(this: { prefix: string }, obj: unknown) {
        order.push(`${this.prefix}:${(obj as { id: number }).id}`);
        return 'kept';
      },
    };
    host(win).iAdvizeCallbacks = site;
    const bridge = install({ window: win });
    bridge.on('chat:started', (e) => order.push(`bridge:${e.chatId}`));
    const tag = loadTag(win, 'boot');
    const raw = { id: 7 };
    expect(tag.fire('onChatStarted', raw)).toBe('kept');
    expect(order).toEqual(['site:7', 'bridge:7']);
  });

  it('keeps callbacks this library does not know where the tag looks for them', () => {
    const win = newWindow();
    const future = vi.fn();
    host(win).iAdvizeCallbacks = { onSomethingNew: future };
    install({ window: win });
    expect(host(win).iAdvizeCallbacks!.onSomethingNew).toBe(future);
  });

  it('survives a var-style, non-configurable declaration (the documented snippet)', () => {
    const win = newWindow();
    const site = vi.fn();
    Object.defineProperty(win, 'iAdvizeCallbacks', { value: { onChatStarted: site }, writable: true, configurable: false });
    const bridge = install({ window: win });
    const events: string[] = [];
    bridge.on('*', (e) => events.push(e.type));
    loadTag(win, 'late').fire('onChatStarted', { id: 1 });
    expect(site).toHaveBeenCalledWith({ id: 1 });
    expect(events).toEqual(['chat:started']);
  });
});

describe.each(['late', 'boot'] as const)('site code after install, tag lookup %s', (lookup) => {
  it('assigning a new object keeps the library connected, calls the new functions, emits once', () => {
    const { win, tag, events } = page({ lookup });
    const replaced = vi.fn();
    host(win).iAdvizeCallbacks = { onChatStarted: replaced };
    tag.fire('onChatStarted', { id: 3 });
    expect(replaced).toHaveBeenCalledTimes(1);
    expect(replaced).toHaveBeenCalledWith({ id: 3 });
    expect(types(events)).toEqual(['chat:started']);
  });

  it('assigning one function keeps the library connected and emits once', () => {
    const { win, tag, events } = page({ lookup });
    const site = vi.fn();
    host(win).iAdvizeCallbacks!.onChatEnded = site;
    tag.fire('onChatEnded', { id: 3 });
    expect(site).toHaveBeenCalledTimes(1);
    expect(types(events)).toEqual(['chat:ended']);
  });

  it('a new object replaces the previous site functions, as plain assignment would', () => {
    const win = newWindow();
    const first = vi.fn();
    host(win).iAdvizeCallbacks = { onCallStarted: first };
    const { tag, events } = page({ lookup, win });
    const second = vi.fn();
    host(win).iAdvizeCallbacks = { onCallEnded: second };
    tag.fire('onCallStarted', null);
    tag.fire('onCallEnded', null);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(types(events)).toEqual(['call:started', 'call:ended']);
  });

  it('spreading the installed object into a new one keeps every function, without recursion', () => {
    const win = newWindow();
    const original = vi.fn();
    host(win).iAdvizeCallbacks = { onChatStarted: original };
    const { tag, events } = page({ lookup, win });
    const added = vi.fn();
    host(win).iAdvizeCallbacks = { ...host(win).iAdvizeCallbacks, onChatEnded: added };
    host(win).iAdvizeCallbacks = host(win).iAdvizeCallbacks;
    tag.fire('onChatStarted', { id: 1 });
    tag.fire('onChatEnded', { id: 1 });
    expect(original).toHaveBeenCalledTimes(1);
    expect(added).toHaveBeenCalledTimes(1);
    expect(types(events)).toEqual(['chat:started', 'chat:ended']);
  });

  it('the window.iAdvizeCallbacks = window.iAdvizeCallbacks || {} idiom is harmless', () => {
    const { win, tag, events } = page({ lookup });
    host(win).iAdvizeCallbacks = host(win).iAdvizeCallbacks || {};
    tag.fire('onChatDisplayed', null);
    expect(types(events)).toEqual(['chat:displayed']);
  });
});

describe('install after the tag loaded', () => {
  it('works where the tag looks callbacks up late, and warns in debug mode', () => {
    const win = newWindow();
    const tag = loadTag(win, 'late');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const bridge = install({ window: win, debug: true });
    const events: string[] = [];
    bridge.on('*', (e) => events.push(e.type));
    tag.fire('onChatStarted', { id: 1 });
    expect(events).toEqual(['chat:started']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('installed after the iAdvize tag'));
    vi.restoreAllMocks();
  });

  it('does not warn when installed before the tag', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    install({ window: newWindow(), debug: true });
    expect(warn).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe('destroy()', () => {
  it.each(['late', 'boot'] as const)('stops the events and keeps the site callbacks working (%s)', (lookup) => {
    const win = newWindow();
    const before = vi.fn();
    host(win).iAdvizeCallbacks = { onChatStarted: before };
    const { bridge, tag, events } = page({ lookup, win });
    bridge.destroy();
    tag.fire('onChatStarted', { id: 1 });
    expect(before).toHaveBeenCalledTimes(1);
    expect(events).toEqual([]);
    const after = vi.fn();
    host(win).iAdvizeCallbacks = { onChatStarted: after };
    tag.fire('onChatStarted', { id: 2 });
    expect(after).toHaveBeenCalledTimes(lookup === 'late' ? 1 : 0);
  });

  it('lets a later install start afresh and still call the site callbacks once', () => {
    const win = newWindow();
    const site = vi.fn();
    host(win).iAdvizeCallbacks = { onChatStarted: site };
    install({ window: win }).destroy();
    const { tag, events } = page({ win });
    tag.fire('onChatStarted', { id: 1 });
    expect(site).toHaveBeenCalledTimes(1);
    expect(types(events)).toEqual(['chat:started']);
  });
});
