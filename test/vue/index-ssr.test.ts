// @vitest-environment node
import { renderToString } from '@vue/server-renderer';
import { describe, expect, it, vi } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { custom, iadvizeTag, webSdk, type Plugin } from '../../src/index.js';
import { iadvize, useIAdvize, useIAdvizeEvent, useIAdvizeState } from '../../src/vue/index.js';

describe('iadvize-bridge/vue on the server', () => {
  it('renders the plugin and the composables without a window: no bridge, the empty state, no plugin set up', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const setup = vi.fn();
    const listener = vi.fn();
    const watcher: Plugin = { name: 'watcher', setup };
    const Chat = defineComponent({
      setup() {
        const bridge = useIAdvize();
        const state = useIAdvizeState();
        const active = useIAdvizeState((s) => s.chat.active);
        useIAdvizeEvent('chat:started', listener, { replay: true });
        return () =>
          h(
            'p',
            `bridge=${bridge === null ? 'null' : 'a bridge'} active=${active.value} sent=${state.value.chat.messagesSent} cobrowsing=${state.value.cobrowsing}`,
          );
      },
    });
    const app = createSSRApp(Chat).use(iadvize({ plugins: [iadvizeTag({ sid: 1234 }), webSdk(), custom(() => {}), watcher] }));
    expect(await renderToString(app)).toBe('<p>bridge=null active=false sent=0 cobrowsing=false</p>');
    expect(setup).not.toHaveBeenCalled();
    expect(listener).not.toHaveBeenCalled();
    expect(Object.getOwnPropertySymbols(globalThis).map(String)).not.toContain('Symbol(iadvize-bridge)');
  });
});
