import { afterEach, describe, expect, it, vi } from 'vitest';
import { relayToHost } from '../../../src/boxed/index.js';
import { boxedTag, install, webSdk } from '../../../src/index.js';
import { loadTag } from '../../helpers.js';
import { CHAT, HOST, flush, twoPages } from './two-pages.js';

/**
 * The host's Web SDK stand-in beside iAdvize's boxed-tag scripts (iadvize/boxed-tag, src/host.ts and
 * src/iframe.ts). The stand-ins below are written from how those scripts behave, not copied.
 */
afterEach(() => vi.restoreAllMocks());

type Sdk = Record<string, (...args: unknown[]) => unknown>;

/**
 * boxed-tag's iframe script as it dispatches a message from the host: `activate`, `logout`, `on` and
 * `off` are recognised by `method` alone (it reads `args.authenticationOption.type` for activate),
 * every other Web SDK method only with `command: 'internals'`. What it throws is kept in `thrown`.
 */
function boxedTagIframeScript(frame: Window) {
  const thrown: unknown[] = [];
  const push = (fn: (sdk: Sdk) => unknown) =>
    (frame as unknown as { iAdvizeInterface: { push(fn: unknown): void } }).iAdvizeInterface.push(fn);
  frame.addEventListener('message', (event) => {
    const data = (event.data ?? {}) as { command?: unknown; method?: string; args?: unknown };
    try {
      if (data.method === 'activate') {
        const type = (data.args as { authenticationOption: { type: string } }).authenticationOption.type;
        push((sdk) => sdk.activate(() => ({ authenticationOption: { type } })));
      } else if (data.method === 'logout') push((sdk) => sdk.logout());
      else if (data.method === 'on' || data.method === 'off') push((sdk) => sdk[data.method!](...(data.args as unknown[]), () => {}));
      else if (data.command === 'internals') push((sdk) => sdk[data.method!](...(data.args as unknown[])));
    } catch (error) {
      thrown.push(error);
    }
  });
  return { thrown };
}

describe("the relay's channel beside boxed-tag's iframe script (the usual iframe page: it loads the tag)", () => {
  async function pagesWithBoth() {
    const pages = twoPages();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    relayToHost({ hostOrigin: HOST, window: pages.frame });
    const script = boxedTagIframeScript(pages.frame);
    const tag = loadTag(pages.frame);
    // No boxed-tag host script on the host page: the bridge's stand-in goes through the relay.
    const bridge = install({ window: pages.host, plugins: [boxedTag({ iframe: '#box', origin: CHAT }), webSdk()] });
    await flush();
    return { pages, script, tag, bridge };
  }

  it('bridge.sdk.logout() logs the visitor out once, not once by the relay and once by boxed-tag', async () => {
    const { tag, bridge } = await pagesWithBoth();
    await bridge.sdk.logout();
    await flush();
    expect(tag.seen.logouts).toBe(1);
  });

  it('bridge.sdk.activate() throws nothing in the iframe page and activates once', async () => {
    const { tag, bridge, script } = await pagesWithBoth();
    await bridge.sdk.activate(() => ({ authenticationOption: { type: 'ANONYMOUS' } }));
    await flush();
    expect(script.thrown).toEqual([]);
    expect(tag.seen.activations).toHaveLength(1);
  });
});

describe("through boxed-tag's host interface (window.iAdvizeBoxedInterface)", () => {
  /** boxed-tag's host interface after its iframe loaded: each push posts `{ command: 'internals', method, args }`. */
  function withInterface() {
    const pages = twoPages();
    const pushed: Array<{ method: string; args: unknown }> = [];
    (pages.host as unknown as { iAdvizeBoxedInterface: unknown }).iAdvizeBoxedInterface = Object.assign([], {
      push: (call: { method: string; args: unknown }) => pushed.push(call),
    });
    const bridge = install({ window: pages.host, plugins: [boxedTag({ iframe: '#box', origin: CHAT }), webSdk()] });
    return { pages, pushed, bridge };
  }

  it('a listener added, removed and added again (an SPA view remounting) holds one subscription in the iframe, so each value is heard once', async () => {
    const { pages, pushed } = withInterface();
    const heard: unknown[] = [];
    const listener = (value: unknown) => heard.push(value);
    // The stand-in itself, as site code queued on the host receives it.
    let remote: Sdk | undefined;
    (pages.host as unknown as { iAdvizeInterface: unknown[] }).iAdvizeInterface.push((given: Sdk) => (remote = given));
    remote!.on('chatbox:visibilityChange', listener);
    remote!.off('chatbox:visibilityChange', listener);
    remote!.on('chatbox:visibilityChange', listener);
    // boxed-tag's iframe script answers once per subscription it holds.
    const subscriptions = pushed.filter(
      (call) => call.method === 'on' && (call.args as unknown[])[0] === 'chatbox:visibilityChange',
    ).length;
    for (let i = 0; i < subscriptions; i++)
      pages.fromFrame({ command: 'internals', method: 'on', args: ['chatbox:visibilityChange'], value: true });
    await flush();
    expect(heard).toEqual([true]);
  });

  it('the secured token is handed to the iframe for the activation that asks, not again after it', async () => {
    const { pages, bridge } = withInterface();
    const activation = bridge.sdk.activate(() => ({ authenticationOption: { type: 'SECURED_AUTHENTICATION', token: 'jwt-of-jane' } }));
    await flush();
    pages.fromFrame({ command: 'internals', method: 'get-activate-auth-token' });
    await flush();
    pages.fromFrame({ command: 'internals', method: 'activate', activation: { authentication: 'SECURED' } });
    await activation;
    await bridge.sdk.logout().catch(() => {});
    pages.fromFrame({ command: 'internals', method: 'logout', logout: true });
    await flush();
    const before = pages.toFrame.length;
    pages.fromFrame({ command: 'internals', method: 'get-activate-auth-token' });
    await flush();
    const first = pages.toFrame.find((sent) => (sent as { args?: unknown }).args === 'jwt-of-jane');
    expect(first).toBeDefined();
    expect(JSON.stringify(pages.toFrame.slice(before))).not.toContain('jwt-of-jane');
  });
});
