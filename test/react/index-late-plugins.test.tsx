import { act, useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { IAdvizeProvider, useIAdvize, useIAdvizeEvent, useIAdvizeState } from '../../src/react/index.js';
import { bindingPage, pinger } from '../helpers.js';
import { useStrictRoot } from './strict-root.js';

const render = useStrictRoot();
const tick = () => new Promise((resolve) => setTimeout(resolve));

describe('hooks and plugins added later with bridge.use()', () => {
  it('a hook mounted before bridge.use(plugin) hears every event of that plugin, and nothing is warned', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { options } = bindingPage();
    const heard: string[] = [];
    let bridge: { ping(): void } | null = null;
    function Child() {
      useIAdvizeEvent('ping:sent' as never, (event: { type: string }) => heard.push(event.type));
      return null;
    }
    function Parent() {
      const current = useIAdvize();
      // A parent's effect runs after its children's: the hook subscribed before the plugin was there.
      useEffect(() => void (bridge = current && current.use(pinger())), [current]);
      return <Child />;
    }
    render(
      <IAdvizeProvider options={options}>
        <Parent />
      </IAdvizeProvider>,
    );
    await tick();
    act(() => bridge!.ping());
    act(() => bridge!.ping());
    expect(heard).toEqual(['ping:sent', 'ping:sent']);
    expect(warn).not.toHaveBeenCalled();
  });

  it("mistakes in a hook's arguments are said once, and never unmount the app", async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { options } = bindingPage();
    function Chat() {
      useIAdvizeEvent(undefined as never, () => {});
      useIAdvizeEvent(42 as never, () => {});
      useIAdvizeEvent('chat:started', () => {}, { Replay: true } as never);
      useIAdvizeEvent('chat:ended', () => {}, { replay: 'yes' } as never);
      useIAdvizeEvent('chat:started', null as never);
      return <p>{useIAdvizeState((state) => String(state.chat.active))}</p>;
    }
    const container = render(
      <IAdvizeProvider options={options}>
        <Chat />
      </IAdvizeProvider>,
    );
    await tick();
    expect(container.textContent).toBe('false');
    expect(error.mock.calls.map((call) => call.join(' '))).toEqual([
      "[iadvize-bridge] useIAdvizeEvent(undefined): the event type must be a string such as 'chat:started'",
      "[iadvize-bridge] useIAdvizeEvent(42): the event type must be a string such as 'chat:started'",
      "[iadvize-bridge] useIAdvizeEvent('chat:started'): unknown option `Replay`: did you mean `replay`?",
      "[iadvize-bridge] useIAdvizeEvent('chat:ended'): `replay` must be true or false",
      '[iadvize-bridge] useIAdvizeEvent(\'chat:started\'): the listener for "chat:started" is not a function',
    ]);
  });

  it("a mistake in the provider's options does not blank the shop: the console names it once, the hooks are inert", () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { options } = bindingPage();
    function Chat() {
      useIAdvizeEvent('chat:started', () => {});
      return <p>{useIAdvizeIsNull() ? 'shop' : 'bridge'}</p>;
    }
    const useIAdvizeIsNull = () => useIAdvize() === null;
    const container = render(
      <IAdvizeProvider options={{ ...options, Debug: true } as never}>
        <Chat />
      </IAdvizeProvider>,
    );
    expect(container.textContent).toBe('shop');
    expect(error.mock.calls.map((call) => call.join(' '))).toEqual([
      '[iadvize-bridge] <IAdvizeProvider options>: install(): unknown option `Debug`: did you mean `debug`?; the app runs without the bridge',
    ]);
  });
});
