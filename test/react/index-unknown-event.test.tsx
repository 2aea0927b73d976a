import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { IAdvizeProvider, useIAdvizeEvent, useIAdvizeState } from '../../src/react/index.js';
import { bindingPage } from '../helpers.js';
import { useStrictRoot } from './strict-root.js';

const render = useStrictRoot();

describe('useIAdvizeEvent for an event no installed plugin emits', () => {
  it('under StrictMode: the app stays, the other hooks work, and the console names the plugin to add, once, after the mount', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { options, tag, forwarded } = bindingPage();
    const heard = vi.fn();
    function Chat() {
      useIAdvizeEvent('tag:failed' as never, heard);
      useIAdvizeEvent('consent:changed' as never, heard);
      useIAdvizeEvent('chat:start' as never, heard);
      return <p>{useIAdvizeState((state) => state.chat.chatId) ?? 'no chat'}</p>;
    }
    const container = render(
      <IAdvizeProvider options={options}>
        <Chat />
      </IAdvizeProvider>,
    );
    expect(container.textContent).toBe('no chat');
    act(() => tag.startChat());
    expect(container.textContent).toBe('8000001');
    expect(forwarded).toEqual(['chat:started']);
    expect(heard).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve));
    expect(warn.mock.calls.map((call) => call.join(' '))).toEqual([
      "[iadvize-bridge] useIAdvizeEvent('tag:failed'): tag:failed comes from iadvizeTag(): add it to plugins",
      "[iadvize-bridge] useIAdvizeEvent('consent:changed'): consent:changed comes from webSdk(): add it to plugins",
      "[iadvize-bridge] useIAdvizeEvent('chat:start'): unknown event type: did you mean 'chat:started'?",
    ]);
  });
});
