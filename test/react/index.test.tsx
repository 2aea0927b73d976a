import { act, StrictMode, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { custom, install, type Bridge, type BridgeState } from '../../src/index.js';
import { createIAdvizeHooks, IAdvizeProvider, useIAdvize, useIAdvizeEvent, useIAdvizeState } from '../../src/react/index.js';
import { EMPTY_STATE } from '../../src/shared/binding.js';
import { countSubscriptions } from '../../e2e/apps/count-subscriptions.js';
import { bindingPage } from '../helpers.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
});

function render(node: ReactNode): void {
  root ??= createRoot(document.createElement('div'));
  act(() => root!.render(node));
}

describe('IAdvizeProvider', () => {
  it('installs the bridge when it mounts, never during render, and gives it to useIAdvize', () => {
    const { win, options } = bindingPage();
    const seen: Array<Bridge | null> = [];
    const Probe = () => (seen.push(useIAdvize()), null);
    render(
      <IAdvizeProvider options={options}>
        <Probe />
      </IAdvizeProvider>,
    );
    expect(seen[0]).toBeNull();
    expect(seen.at(-1)).toBe(install({ window: win }));
  });

  it('under StrictMode (effects twice): one bridge, each adapter and listener once per event', () => {
    const { options, forwarded, bridge, tag } = bindingPage();
    const heard = vi.fn();
    const installs = new Set<Bridge | null>();
    function Chat() {
      installs.add(useIAdvize());
      useIAdvizeEvent('chat:started', heard);
      return <p>{useIAdvizeState((state) => state.chat.chatId) ?? 'none'}</p>;
    }
    render(
      <StrictMode>
        <IAdvizeProvider options={options}>
          <Chat />
        </IAdvizeProvider>
      </StrictMode>,
    );
    act(() => tag.startChat());
    expect(heard).toHaveBeenCalledTimes(1);
    expect(forwarded).toEqual(['chat:started']);
    expect([...installs]).toEqual([null, bridge()]);
  });

  it('unmounting ends the hooks’ subscriptions, not the bridge', () => {
    const { options, forwarded, bridge, tag } = bindingPage();
    const heard = vi.fn();
    const Chat = () => (useIAdvizeEvent('chat:started', heard), null);
    render(
      <IAdvizeProvider options={options}>
        <Chat />
      </IAdvizeProvider>,
    );
    act(() => root!.unmount());
    root = undefined;
    tag.startChat();
    expect(heard).not.toHaveBeenCalled();
    expect(forwarded).toEqual(['chat:started']);
    expect(bridge().state.chat.active).toBe(true);
  });

  it('a remount with new plugins of the same names (hot reloading) replaces them: each tool hears an event once', () => {
    const { win, tag } = bindingPage();
    const first: string[] = [];
    const second: string[] = [];
    render(<IAdvizeProvider options={{ window: win, plugins: [custom((e) => first.push(e.type))] }} />);
    act(() => root!.unmount());
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    root = undefined;
    render(<IAdvizeProvider options={{ window: win, plugins: [custom((e) => second.push(e.type))] }} />);
    tag.startChat();
    expect([first, second]).toEqual([[], ['chat:started']]);
  });
});

describe('useIAdvizeState', () => {
  it('is the empty state without a provider, the bridge’s state with one', () => {
    const { options, tag } = bindingPage();
    const states: BridgeState[] = [];
    const Probe = () => (states.push(useIAdvizeState()), null);
    render(<Probe />);
    expect(states).toEqual([EMPTY_STATE]);
    render(
      <IAdvizeProvider options={options}>
        <Probe />
      </IAdvizeProvider>,
    );
    act(() => tag.startChat());
    expect(states.at(-1)).toMatchObject({ chat: { active: true, chatId: '8000001' } });
  });

  it('re-renders when what the selector picks changes, not for other changes or events', () => {
    const { options, tag } = bindingPage();
    let renders = 0;
    const Probe = () => (renders++, (<i>{String(useIAdvizeState((state) => state.chat.active))}</i>));
    render(
      <IAdvizeProvider options={options}>
        <Probe />
      </IAdvizeProvider>,
    );
    const before = renders;
    act(() => void tag.fire('onChatDisplayed'));
    act(() => void tag.fire('onMessageSent', { msg: 'hello' }));
    expect(renders).toBe(before);
    act(() => tag.startChat());
    expect(renders).toBe(before + 1);
  });

  it('a selector that builds a new object at every call renders once per change, without a loop', () => {
    const { options, tag } = bindingPage();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let renders = 0;
    function Probe() {
      renders++;
      const chat = useIAdvizeState((state) => ({ active: state.chat.active, sent: state.chat.messagesSent }));
      return <i>{chat.sent}</i>;
    }
    render(
      <IAdvizeProvider options={options}>
        <Probe />
      </IAdvizeProvider>,
    );
    const before = renders;
    act(() => void tag.fire('onChatDisplayed'));
    expect(renders).toBe(before);
    act(() => void tag.fire('onMessageSent', { msg: 'hello' }));
    expect(renders).toBe(before + 1);
    expect(errors).not.toHaveBeenCalled();
  });
});

describe('useIAdvizeEvent', () => {
  it('a new inline listener at every render: one subscription, the latest listener runs, once per event', () => {
    const { win, options, tag } = bindingPage();
    const subscriptions = countSubscriptions(install({ window: win }));
    const heard: string[] = [];
    let rerender: () => void = () => {};
    function Chat() {
      const [renders, setRenders] = useState(0);
      rerender = () => setRenders((n) => n + 1);
      useIAdvizeEvent('chat:started', (e) => heard.push(`${e.chatId} after ${renders} re-renders`));
      return null;
    }
    render(
      <StrictMode>
        <IAdvizeProvider options={options}>
          <Chat />
        </IAdvizeProvider>
      </StrictMode>,
    );
    const calls = subscriptions.calls();
    for (let i = 0; i < 5; i++) act(() => rerender());
    act(() => tag.startChat());
    expect(heard).toEqual(['8000001 after 5 re-renders']);
    expect(subscriptions.calls()).toBe(calls);
    expect(subscriptions.live).toEqual({ 'chat:started': 1 });
  });

  it('replay delivers the last event from before the subscription; a new type subscribes again', () => {
    const { options, tag, bridge } = bindingPage();
    install(options);
    tag.startChat();
    tag.fire('onChatDisplayed');
    const heard: string[] = [];
    function Chat({ type }: { type: 'chat:started' | 'chat:displayed' }) {
      useIAdvizeEvent(type, (e) => heard.push(e.type), { replay: true });
      return null;
    }
    render(
      <IAdvizeProvider options={options}>
        <Chat type="chat:started" />
      </IAdvizeProvider>,
    );
    render(
      <IAdvizeProvider options={options}>
        <Chat type="chat:displayed" />
      </IAdvizeProvider>,
    );
    expect(heard).toEqual(['chat:started', 'chat:displayed']);
    act(() => tag.startChat());
    expect(heard).toHaveLength(2);
    expect(bridge().state.chat.chatId).toBe('8000002');
  });

  it('typed hooks are the same hooks', () => {
    expect(createIAdvizeHooks()).toEqual({ useIAdvize, useIAdvizeState, useIAdvizeEvent });
  });
});
