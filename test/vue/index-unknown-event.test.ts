import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, nextTick, type App } from 'vue';
import { iadvize, useIAdvizeEvent, useIAdvizeState } from '../../src/vue/index.js';
import { bindingPage } from '../helpers.js';

let app: App | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
  vi.restoreAllMocks();
});

describe('useIAdvizeEvent for an event no installed plugin emits', () => {
  it('the app stays, no error reaches Vue, the other composables work, and the console names the plugin to add', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { options, tag, forwarded } = bindingPage();
    const heard = vi.fn();
    const errorHandler = vi.fn();
    const root = document.createElement('div');
    const Chat = defineComponent({
      setup() {
        useIAdvizeEvent('va:handoff' as never, heard);
        useIAdvizeEvent('chat:start' as never, heard);
        const chatId = useIAdvizeState((state) => state.chat.chatId);
        return () => h('p', chatId.value ?? 'no chat');
      },
    });
    app = createApp(Chat).use(iadvize(options));
    app.config.errorHandler = errorHandler;
    app.mount(root);
    tag.startChat();
    await nextTick();
    expect(root.textContent).toBe('8000001');
    expect(forwarded).toEqual(['chat:started']);
    expect(heard).not.toHaveBeenCalled();
    expect(errorHandler).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve));
    expect(warn.mock.calls.map((call) => call.join(' '))).toEqual([
      "[iadvize-bridge] useIAdvizeEvent('va:handoff'): va:handoff comes from virtualAgent(): add it to plugins",
      "[iadvize-bridge] useIAdvizeEvent('chat:start'): unknown event type: did you mean 'chat:started'?",
    ]);
  });
});
