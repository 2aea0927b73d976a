import { renderToString } from '@vue/server-renderer';
import { describe, expect, it } from 'vitest';
import { newCounts } from './apps/chat-page.js';
import { expectHotReloadKeepsTheBridge, expectHydrationMatches, expectOneChatStart, read, tagLoaded, useApps } from './apps/use-apps.js';
import { createChatApp } from './apps/vue-app.js';

// The app of e2e/apps/vue-app.ts (Vue's development build) in Chromium.
const { openApp } = useApps(['vue-main.ts']);
const vueWarnings = (logs: string[]) => logs.filter((line) => line.includes('[Vue warn]') || /hydration/i.test(line));

describe('iadvize-bridge/vue in Chromium', () => {
  it('one chat start: the UI updates once, the listener and the adapter run once, the tag is added once', async () => {
    const { page, problems, logs } = await openApp('vue-main');
    await tagLoaded(page);
    await expectOneChatStart(page, { mounts: 1 });
    expect([...problems, ...vueWarnings(logs)]).toEqual([]);
    await page.close();
  });

  it('a listener for an event no installed plugin emits: the app stays and works, the console names the plugin', async () => {
    const { page, problems, logs } = await openApp('vue-main', { query: '?unknown' });
    await tagLoaded(page);
    await expectOneChatStart(page, { mounts: 1 });
    expect(logs.filter((line) => line.includes('useIAdvizeEvent'))).toEqual([
      "warning: [iadvize-bridge] useIAdvizeEvent('va:handoff'): va:handoff comes from virtualAgent(): add it to plugins",
      "warning: [iadvize-bridge] useIAdvizeEvent('chat:start'): unknown event type: did you mean 'chat:started'?",
    ]);
    expect([...problems, ...vueWarnings(logs)]).toEqual([]);
    await page.close();
  });

  it('a hot reload (a new app with its plugins made anew) doubles nothing and forgets nothing', async () => {
    const { page, problems, logs } = await openApp('vue-main');
    await expectHotReloadKeepsTheBridge(page);
    expect((await read(page)).mounts).toBe(2);
    expect([...problems, ...vueWarnings(logs)]).toEqual([]);
    await page.close();
  });

  it('hydrates the server’s markup (the empty state) without a mismatch, also when the tab already has a chat', async () => {
    const html = await renderToString(createChatApp(newCounts(), true));
    expect(html).toContain('no chat');
    const { page, problems, logs } = await openApp('vue-main', { html });
    await expectHydrationMatches(page, { mounts: 1 });
    expect([...problems, ...vueWarnings(logs)]).toEqual([]);
    await page.close();
  });
});
