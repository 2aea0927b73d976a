import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { newCounts, optionsFor } from './apps/chat-page.js';
import { app } from './apps/react-app.js';
import {
  expectHotReloadKeepsTheBridge,
  expectHydrationMatches,
  expectOneChatStart,
  read,
  startChat,
  tagLoaded,
  useApps,
} from './apps/use-apps.js';

// The app of e2e/apps/react-app.tsx under React's real StrictMode (development build), in Chromium.
const { openApp } = useApps(['react-main.tsx']);

describe('iadvize-bridge/react in Chromium, under StrictMode', () => {
  it('one chat start: the UI updates once, the listener and the adapter run once, the tag is added once', async () => {
    const { page, problems } = await openApp('react-main');
    await tagLoaded(page);
    // Unmounted and mounted again once the bridge is there: StrictMode's double effects now meet a live bridge.
    await page.click('#toggle');
    await page.click('#toggle');
    // StrictMode mounted, unmounted and mounted again, at the start and after the toggle.
    await expectOneChatStart(page, { mounts: 4 });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a new inline listener at every render: no new subscription, the latest listener hears each event once', async () => {
    const { page, problems } = await openApp('react-main', { query: '?count' });
    const subscriptions = () =>
      page.evaluate(() => {
        const s = (window as any).subscriptions;
        return { live: s.live, calls: s.calls() };
      });
    await tagLoaded(page);
    // One per state hook (two) and one for the listener, though StrictMode subscribed each twice.
    const one = { '*': 2, 'chat:started': 1 };
    expect((await subscriptions()).live).toEqual(one);
    await page.click('#toggle');
    expect((await subscriptions()).live).toEqual({ '*': 0, 'chat:started': 0 });
    await page.click('#toggle');
    const mounted = await subscriptions();
    expect(mounted.live).toEqual(one);
    for (let i = 0; i < 3; i++) await page.click('#rerender');
    expect(await subscriptions()).toEqual(mounted);
    await startChat(page);
    expect(await read(page)).toMatchObject({ heard: ['8000001 after 3 re-renders'], forwarded: ['chat:started'] });
    expect(await subscriptions()).toEqual(mounted);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a listener for an event no installed plugin emits: the app stays and works, the console names the plugin once', async () => {
    const { page, problems, logs } = await openApp('react-main', { query: '?unknown' });
    await tagLoaded(page);
    await expectOneChatStart(page, { mounts: 2 });
    expect(logs.filter((line) => line.includes('useIAdvizeEvent'))).toEqual([
      "warning: [iadvize-bridge] useIAdvizeEvent('consent:changed'): consent:changed comes from webSdk(): add it to plugins",
      "warning: [iadvize-bridge] useIAdvizeEvent('chat:start'): unknown event type: did you mean 'chat:started'?",
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a hot reload (the tree mounted again with its plugins made anew) doubles nothing and forgets nothing', async () => {
    const { page, problems } = await openApp('react-main');
    await expectHotReloadKeepsTheBridge(page);
    expect((await read(page)).mounts).toBe(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hydrates the server’s markup (the empty state) without a mismatch, also when the tab already has a chat', async () => {
    const html = renderToString(app(optionsFor(newCounts()), newCounts()));
    expect(html).toContain('no chat');
    const { page, problems } = await openApp('react-main', { html });
    await expectHydrationMatches(page, { mounts: 2 });
    expect(problems).toEqual([]);
    await page.close();
  });
});
