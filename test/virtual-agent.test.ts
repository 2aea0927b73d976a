import { afterEach, describe, expect, it, vi } from 'vitest';
import { install, isHistoryError, type BridgeEvent } from '../src/index.js';
import { loadFakeTag, loadFakeWebSdk } from './fake-tag.js';
import { newWindow } from './helpers.js';

type Host = { iAdvize?: Record<string, unknown> };
const host = (win: Window) => win as unknown as Host;

afterEach(() => {
  vi.restoreAllMocks();
});

function setup() {
  const win = newWindow();
  const bridge = install({ window: win });
  const events: BridgeEvent[] = [];
  bridge.on('*', (e) => events.push(e));
  return { win, bridge, events };
}

describe('virtualAgent.handoff', () => {
  it('before the tag loads: applied the moment window.iAdvize exists, without polling', () => {
    vi.useFakeTimers();
    const { win, bridge, events } = setup();
    bridge.virtualAgent.handoff('nina-conv:42');
    expect(bridge.state.virtualAgent).toEqual({ vaConversationId: 'nina-conv:42', applied: false });
    expect(vi.getTimerCount()).toBe(0);
    host(win).iAdvize = { version: 'tag' };
    expect(host(win).iAdvize!.vaSCI).toBe('nina-conv:42');
    expect(bridge.state.virtualAgent).toEqual({ vaConversationId: 'nina-conv:42', applied: true });
    expect(events.map((e) => e.type)).toEqual(['va:handoff']);
    expect(events[0]).toMatchObject({ vaConversationId: 'nina-conv:42' });
    vi.useRealTimers();
  });

  it('after the tag loaded, and again when the tag replaces window.iAdvize', () => {
    const { win, bridge } = setup();
    loadFakeTag(win, 'boot');
    bridge.virtualAgent.handoff('va.1');
    expect(host(win).iAdvize!.vaSCI).toBe('va.1');
    host(win).iAdvize = {};
    expect(host(win).iAdvize!.vaSCI).toBe('va.1');
  });

  it('re-applies when the tag runs its Web SDK queue and when a chat starts', () => {
    const { win, bridge } = setup();
    bridge.virtualAgent.handoff('va-2');
    // A tag that defines window.iAdvize its own way, out of reach of the setter.
    Object.defineProperty(win, 'iAdvize', { value: {}, configurable: true, writable: true });
    loadFakeWebSdk(win);
    expect(host(win).iAdvize!.vaSCI).toBe('va-2');
    Object.defineProperty(win, 'iAdvize', { value: {}, configurable: true, writable: true });
    loadFakeTag(win, 'late').fire('onChatStarted', { id: 1 });
    expect(host(win).iAdvize!.vaSCI).toBe('va-2');
  });

  it('after the chat started it still applies, and warns in debug mode', () => {
    const win = newWindow();
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bridge = install({ window: win, debug: true });
    loadFakeTag(win, 'boot').fire('onChatStarted', { id: 1 });
    bridge.virtualAgent.handoff('late');
    expect(host(win).iAdvize!.vaSCI).toBe('late');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('after the chat started'));
  });

  it.each(['', 'a'.repeat(129), 'has space', 'semi;colon', 'é', 42, null])('rejects %j with a clear error', (bad) => {
    const { bridge } = setup();
    expect(() => bridge.virtualAgent.handoff(bad as never)).toThrow(/1 to 128 characters of A-Z a-z 0-9 \. _ : -/);
  });

  it('accepts 128 characters of the allowed set', () => {
    const { bridge } = setup();
    expect(() => bridge.virtualAgent.handoff('A-z0._:'.padEnd(128, 'x'))).not.toThrow();
  });

  it('destroy() leaves a plain window.iAdvize', () => {
    const { win, bridge } = setup();
    bridge.virtualAgent.handoff('va');
    host(win).iAdvize = { a: 1 };
    bridge.destroy();
    const descriptor = Object.getOwnPropertyDescriptor(win, 'iAdvize')!;
    expect(descriptor.get).toBeUndefined();
    expect(descriptor.value).toEqual({ a: 1, vaSCI: 'va' });
  });
});

describe('virtualAgent.fetchHistory', () => {
  function withFetch(impl: (url: string) => Promise<Response>) {
    const { win, bridge } = setup();
    const fetch = vi.fn(impl);
    Object.assign(win, { fetch });
    return { bridge, fetch };
  }

  it("calls the site's own endpoint with the chat id and returns the transcript", async () => {
    const transcript = { chatId: '666', entries: [{ from: 'visitor', text: 'Hello', at: 1 }] };
    const { bridge, fetch } = withFetch(async () => new Response(JSON.stringify(transcript)));
    await expect(bridge.virtualAgent.fetchHistory('666', { endpoint: '/api/iadvize-history' })).resolves.toEqual(transcript);
    expect(String(fetch.mock.calls[0]![0])).toBe('https://shop.example/api/iadvize-history?chatId=666');
  });

  it.each([
    ['network', async () => Promise.reject(new TypeError('Failed to fetch')), { kind: 'network' }],
    ['http', async () => new Response('{}', { status: 502 }), { kind: 'http', status: 502 }],
    ['invalid-response', async () => new Response('<html>'), { kind: 'invalid-response' }],
  ] as const)('rejects with a typed %s error', async (_kind, impl, expected) => {
    const { bridge } = withFetch(impl);
    const error = await bridge.virtualAgent.fetchHistory('1', { endpoint: '/h' }).catch((e: unknown) => e);
    expect(isHistoryError(error)).toBe(true);
    expect(error).toMatchObject(expected);
  });

  it('rejects a bad chat id or a missing endpoint before any request', async () => {
    const { bridge, fetch } = withFetch(async () => new Response('{}'));
    await expect(bridge.virtualAgent.fetchHistory('12a', { endpoint: '/h' })).rejects.toThrow(/digits/);
    await expect(bridge.virtualAgent.fetchHistory('12', {} as never)).rejects.toThrow(/endpoint/);
    expect(fetch).not.toHaveBeenCalled();
  });
});
