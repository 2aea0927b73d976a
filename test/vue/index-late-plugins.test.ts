import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, nextTick, type App } from 'vue';
import { iadvize, useIAdvize, useIAdvizeEvent } from '../../src/vue/index.js';
import { bindingPage, pinger } from '../helpers.js';

let app: App | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
  vi.restoreAllMocks();
});

describe('composables and plugins added later with bridge.use()', () => {
  it('a composable mounted before bridge.use(plugin) hears its events, and nothing is warned', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { options } = bindingPage();
    const heard: string[] = [];
    const Chat = defineComponent({
      setup() {
        useIAdvizeEvent('ping:sent' as never, (event: { type: string }) => heard.push(event.type));
        return () => h('p', 'chat');
      },
    });
    app = createApp(Chat).use(iadvize(options));
    app.mount(document.createElement('div'));
    // The plugin comes after the mount (a route's setup, a consent tool's callback).
    const bridge = app.runWithContext(() => useIAdvize())!.use(pinger());
    await new Promise((resolve) => setTimeout(resolve));
    bridge.ping();
    bridge.ping();
    await nextTick();
    expect(heard).toEqual(['ping:sent', 'ping:sent']);
    expect(warn).not.toHaveBeenCalled();
  });

  it("a mistake in the plugin's options does not stop the app: the console names it once, the composables are inert", () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { options } = bindingPage();
    const root = document.createElement('div');
    const Chat = defineComponent({
      setup() {
        useIAdvizeEvent('chat:started', () => {});
        const bridge = useIAdvize();
        return () => h('p', bridge ? 'bridge' : 'shop');
      },
    });
    app = createApp(Chat).use(iadvize({ ...options, Debug: true } as never));
    app.mount(root);
    expect(root.textContent).toBe('shop');
    expect(error.mock.calls.map((call) => call.join(' '))).toEqual([
      '[iadvize-bridge] iadvize(): install(): unknown option `Debug`: did you mean `debug`?; the app runs without the bridge',
    ]);
  });
});
