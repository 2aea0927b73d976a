import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, effectScope, h, nextTick, onUpdated, type App, type Component } from 'vue';
import { custom, install, type Bridge, type BridgeState, type InstallOptions } from '../../src/index.js';
import { createIAdvizeComposables, iadvize, useIAdvize, useIAdvizeEvent, useIAdvizeState } from '../../src/vue/index.js';
import { EMPTY_STATE } from '../../src/shared/binding.js';
import { bindingPage } from '../helpers.js';

let app: App | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

function mount(component: Component, options: InstallOptions): HTMLElement {
  const root = document.createElement('div');
  app = createApp(component).use(iadvize(options));
  app.mount(root);
  return root;
}

describe('iadvize() plugin', () => {
  it('installs the bridge when the app uses it and gives it to useIAdvize', () => {
    const { options, bridge } = bindingPage();
    let seen: Bridge | null = null;
    mount(defineComponent({ setup: () => ((seen = useIAdvize()), () => null) }), options);
    expect(seen).toBe(bridge());
  });

  it('unmounting the app ends the composables’ subscriptions, not the bridge', () => {
    const { options, forwarded, bridge, tag } = bindingPage();
    const heard = vi.fn();
    mount(defineComponent({ setup: () => (useIAdvizeEvent('chat:started', heard), () => null) }), options);
    app!.unmount();
    app = undefined;
    tag.startChat();
    expect(heard).not.toHaveBeenCalled();
    expect(forwarded).toEqual(['chat:started']);
    expect(bridge().state.chat.active).toBe(true);
  });

  it('a new app with new plugins of the same names (hot reloading) replaces them: each tool hears an event once', () => {
    const { win, tag } = bindingPage();
    const first: string[] = [];
    const second: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    mount(defineComponent({ render: () => null }), { window: win, plugins: [custom((e) => first.push(e.type))] });
    app!.unmount();
    mount(defineComponent({ render: () => null }), { window: win, plugins: [custom((e) => second.push(e.type))] });
    tag.startChat();
    expect([first, second]).toEqual([[], ['chat:started']]);
  });
});

describe('useIAdvizeState', () => {
  it('is the empty state outside an app that uses the plugin', () => {
    let state: BridgeState | undefined;
    const root = document.createElement('div');
    app = createApp(defineComponent({ setup: () => ((state = useIAdvizeState().value), () => null) }));
    app.mount(root);
    expect(state).toBe(EMPTY_STATE);
  });

  it('renders the bridge’s state once mounted, and re-renders only when what the selector picks changes', async () => {
    const { options, tag } = bindingPage();
    let updates = 0;
    const root = mount(
      defineComponent({
        setup() {
          const chatId = useIAdvizeState((state) => state.chat.chatId);
          onUpdated(() => updates++);
          return () => h('p', chatId.value ?? 'no chat');
        },
      }),
      options,
    );
    expect(root.textContent).toBe('no chat');
    tag.fire('onChatDisplayed');
    tag.fire('onMessageSent', { msg: 'hello' });
    await nextTick();
    expect(updates).toBe(0);
    tag.startChat();
    await nextTick();
    expect([root.textContent, updates]).toEqual(['8000001', 1]);
  });

  it('starts from the bridge’s state when mounted after events', async () => {
    const { options, tag } = bindingPage();
    install(options);
    tag.startChat();
    const root = mount(
      defineComponent({
        setup: () => {
          const state = useIAdvizeState();
          return () => h('p', String(state.value.chat.active));
        },
      }),
      options,
    );
    await nextTick();
    expect(root.textContent).toBe('true');
  });

  it('outside a component (a store’s effect scope) follows at once and stops with the scope', () => {
    const { options, tag } = bindingPage();
    mount(defineComponent({ render: () => null }), options);
    const scope = effectScope();
    const active = app!.runWithContext(() => scope.run(() => useIAdvizeState((state) => state.chat.active)))!;
    tag.startChat();
    expect(active.value).toBe(true);
    scope.stop();
    tag.endChat();
    expect(active.value).toBe(true);
  });
});

describe('useIAdvizeEvent', () => {
  it('calls the listener once per event while the component is mounted, with replay on demand', () => {
    const { options, tag, bridge } = bindingPage();
    install(options);
    tag.startChat();
    const heard: string[] = [];
    const replayed: string[] = [];
    mount(
      defineComponent({
        setup() {
          useIAdvizeEvent('chat:started', (e) => heard.push(e.chatId));
          useIAdvizeEvent('chat:started', (e) => replayed.push(e.chatId), { replay: true });
          return () => null;
        },
      }),
      options,
    );
    tag.endChat();
    tag.startChat();
    expect(heard).toEqual([bridge().state.chat.chatId]);
    expect(replayed).toEqual(['8000001', '8000002']);
  });

  it('typed composables are the same composables', () => {
    expect(createIAdvizeComposables()).toEqual({ useIAdvize, useIAdvizeState, useIAdvizeEvent });
  });
});
