import { describe, expect, it } from 'vitest';
import { install, webSdk } from '../../../src/index.js';
import { loadTag, newWindow } from '../../helpers.js';

/**
 * A component that kept `bridge.sdk` across a remount (SPA, hot reload) calls it after `destroy()`.
 * The agreement: a clear error or a documented no-op, never a call swallowed without a word (a
 * transaction lost for attribution, a get() that waits its whole timeout).
 */
describe('bridge.sdk after destroy()', () => {
  it('a kept sdk says at once that its bridge was destroyed, and records nothing', async () => {
    const win = newWindow();
    const bridge = install({ window: win, plugins: [webSdk()] });
    const { sdk } = bridge;
    const tag = loadTag(win);
    bridge.destroy();
    expect(() => sdk.recordTransaction({ id: 'order-1', amount: 10 })).toThrow(/the bridge was destroyed/);
    expect(() => sdk.navigate('/cart')).toThrow(/the bridge was destroyed/);
    expect(() => sdk.get('tag:version', { timeoutMs: 500 })).toThrow(/the bridge was destroyed/);
    expect('sdk' in bridge).toBe(false);
    expect(tag.seen.transactions).toEqual([]);
  });
});
