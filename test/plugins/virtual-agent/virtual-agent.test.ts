import { afterEach, describe, expect, it, vi } from 'vitest';
import { install, isHistoryError, virtualAgent, type BridgeEvent, type InstallOptions } from '../../../src/index.js';
import { createTagSimulator } from '../../../src/testing/index.js';
import { loadTag, newWindow } from '../../helpers.js';

type Host = { iAdvize?: Record<string, unknown> };
const host = (win: Window) => win as unknown as Host;

afterEach(() => {
  vi.restoreAllMocks();
});

function setup(options: Omit<InstallOptions, 'window' | 'plugins'> = {}) {
  const win = newWindow();
  const bridge = install({ window: win, plugins: [virtualAgent()], ...options });
  const events: BridgeEvent[] = [];
  bridge.on('*', (e) => events.push(e as BridgeEvent));
  return { win, bridge, events };
}

describe('virtualAgent.handoff', () => {
  it('before the tag loads: applied the moment window.iAdvize exists, without polling', () => {
    vi.useFakeTimers();
    const { win, bridge, events } = setup();
    bridge.virtualAgent.handoff('nina-conv:42');
    expect(bridge.virtualAgent.state).toEqual({ vaConversationId: 'nina-conv:42', applied: false });
    expect(vi.getTimerCount()).toBe(0);
    host(win).iAdvize = { version: 'tag' };
    expect(host(win).iAdvize!.vaSCI).toBe('nina-conv:42');
    expect(bridge.virtualAgent.state).toEqual({ vaConversationId: 'nina-conv:42', applied: true });
    expect(events.map((e) => e.type)).toEqual(['va:handoff']);
    expect(events[0]).toMatchObject({ vaConversationId: 'nina-conv:42' });
    vi.useRealTimers();
  });

  it('after the tag loaded, and again when the tag replaces window.iAdvize', () => {
    const { win, bridge } = setup();
    loadTag(win, 'boot');
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
    // Its Web SDK queue runs when it loads: only that, not the whole simulator (it would set window.iAdvize itself).
    const queue = (win as unknown as { iAdvizeInterface: Array<(sdk: object) => void> }).iAdvizeInterface;
    queue.splice(0).forEach((fn) => fn(createTagSimulator({ window: win }).sdk));
    expect(host(win).iAdvize!.vaSCI).toBe('va-2');
    const tag = loadTag(win, 'late');
    Object.defineProperty(win, 'iAdvize', { value: {}, configurable: true, writable: true });
    tag.fire('onChatStarted', { id: 1 });
    expect(host(win).iAdvize!.vaSCI).toBe('va-2');
  });

  it('after the chat started it still applies, and warns in debug mode', () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { win, bridge } = setup({ debug: true });
    loadTag(win, 'boot').fire('onChatStarted', { id: 1 });
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
    return { win, bridge, fetch };
  }

  it("calls the site's own endpoint with the chat id and returns the transcript", async () => {
    const transcript = { chatId: '666', entries: [{ from: 'visitor', text: 'Hello', at: 1 }] };
    const { bridge, fetch } = withFetch(async () => new Response(JSON.stringify(transcript)));
    await expect(bridge.virtualAgent.fetchHistory('666', { endpoint: '/api/iadvize-history' })).resolves.toEqual(transcript);
    expect(String(fetch.mock.calls[0][0])).toBe('https://shop.example/api/iadvize-history?chatId=666');
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

  it('sends the visitor id the tag gave at the start of that chat, so the proxy can check it', async () => {
    const transcript = { chatId: '7', entries: [] };
    const { win, bridge, fetch } = withFetch(async () => new Response(JSON.stringify(transcript)));
    const tag = loadTag(win, 'late');
    tag.fire('onChatStarted', { id: 7, conversationId: '5f0c8a52-0000-4000-8000-000000000007', vuid: 'vuid-abc' });
    await bridge.virtualAgent.fetchHistory('7', { endpoint: '/h' });
    await bridge.virtualAgent.fetchHistory('8', { endpoint: '/h' });
    await bridge.virtualAgent.fetchHistory('8', { endpoint: '/h', visitorId: 'given' });
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual([
      'https://shop.example/h?chatId=7&visitorId=vuid-abc',
      'https://shop.example/h?chatId=8',
      'https://shop.example/h?chatId=8&visitorId=given',
    ]);
  });

  it('rejects a bad chat id or a missing endpoint before any request', async () => {
    const { bridge, fetch } = withFetch(async () => new Response('{}'));
    await expect(bridge.virtualAgent.fetchHistory('12a', { endpoint: '/h' })).rejects.toThrow(/digits/);
    await expect(bridge.virtualAgent.fetchHistory('12', {} as never)).rejects.toThrow(/endpoint/);
    expect(fetch).not.toHaveBeenCalled();
  });
});
