import { act, StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IAdvizeProvider, useIAdvizeEvent, useIAdvizeState } from '../../src/react/index.js';
import { bindingPage } from '../helpers.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  vi.restoreAllMocks();
});

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
    const container = document.createElement('div');
    root = createRoot(container);
    act(() => root!.render(<StrictMode><IAdvizeProvider options={options}><Chat /></IAdvizeProvider></StrictMode>));
    expect(container.textContent).toBe('no chat');
    act(() => tag.startChat());
    expect(container.textContent).toBe('8000001');
    expect(forwarded).toEqual(['chat:started']);
    expect(heard).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve));
    expect(warn.mock.calls.map((call) => call.join(' '))).toEqual([
      "[iadvize-bridge] useIAdvizeEvent('tag:failed'): tag:failed comes from iadvizeTag(): add it to plugins",
      "[iadvize-bridge] useIAdvizeEvent('consent:changed'): consent:changed comes from webSdk(): add it to plugins",
      '[iadvize-bridge] useIAdvizeEvent(\'chat:start\'): unknown event type: did you mean \'chat:started\'?',
    ]);
  });
});
