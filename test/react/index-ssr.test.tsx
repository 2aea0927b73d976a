// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { custom, iadvizeTag, webSdk, type Plugin } from '../../src/index.js';
import { IAdvizeProvider, useIAdvize, useIAdvizeEvent, useIAdvizeState } from '../../src/react/index.js';

describe('iadvize-bridge/react on the server', () => {
  it('renders the provider and the hooks without a window: no bridge, the empty state, no plugin set up', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const setup = vi.fn();
    const listener = vi.fn();
    const watcher: Plugin = { name: 'watcher', setup };
    function Chat() {
      const bridge = useIAdvize();
      const state = useIAdvizeState();
      const active = useIAdvizeState((s) => s.chat.active);
      useIAdvizeEvent('chat:started', listener, { replay: true });
      return (
        <p>{`bridge=${bridge === null ? 'null' : 'a bridge'} active=${active} sent=${state.chat.messagesSent} cobrowsing=${state.cobrowsing}`}</p>
      );
    }
    const options = { plugins: [iadvizeTag({ sid: 1234 }), webSdk(), custom(() => {}), watcher] };
    const html = renderToString(
      <IAdvizeProvider options={options}>
        <Chat />
      </IAdvizeProvider>,
    );
    expect(html).toBe('<p>bridge=null active=false sent=0 cobrowsing=false</p>');
    expect(setup).not.toHaveBeenCalled();
    expect(listener).not.toHaveBeenCalled();
    expect(Object.getOwnPropertySymbols(globalThis).map(String)).not.toContain('Symbol(iadvize-bridge)');
  });
});
