import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { seenTag } from './stand-in-tag.js';
import { choose, TOOLS, toolPage } from './stand-in-tools.js';

// Gate mode, a new visitor who has not answered the consent tool yet (the Didomi stand-in): the
// library loads nothing, stores nothing, links nothing and forwards nothing, even when a chat event
// reaches it; and it never writes Google's consent state (no gtag('consent', ...)), before or after.
const ctx = useBrowser();
const tool = TOOLS.didomi;
const CLIENT = '1234567890.1712345678';

// Google's gtag snippet, answering `get` with the visitor's client id as gtag.js does; Didomi's two
// custom vendors, iAdvize's for the chat and Google Analytics' for the analytics and the chat link.
const SITE = `window.dataLayer = [];
window.gtag = function () { dataLayer.push(arguments); if (arguments[0] === 'get') arguments[3]('${CLIENT}'); };
gtag('js', new Date()); gtag('config', 'G-TEST12345');
window.didomiStandInVendors = ['c:iadvize-AbC12', 'c:googleana-XyZ34'];`;
// The site's analytics and chat link, each following the analytics vendor.
const ANALYTICS = `var B = IAdvizeBridge, analytics = B.didomi({ vendor: 'c:googleana-XyZ34' });
window.adapters = [B.ga4({ consent: analytics }), B.gtm({ consent: analytics })];
B.install({ adapters: adapters, plugins: [B.chatLink({ endpoint: '/api/chat-link', measurementId: 'G-TEST12345', consent: analytics })] });`;

/** What reached Google's dataLayer, as arrays (gtag's commands) or objects (GTM's pushes). */
const layer = (page: Page) =>
  page.evaluate(() =>
    ((window as any).dataLayer as unknown[]).map((entry) =>
      typeof entry === 'object' && entry !== null && 'length' in entry
        ? Array.from(entry as ArrayLike<unknown>, (value) => (typeof value === 'function' ? 'callback' : value))
        : entry,
    ),
  );
/** Every file and beacon the page fetched, the browser's own favicon aside. */
const fetched = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path !== '/favicon.ico'),
  );
const PAGE_FILES = ['/dist/iadvize-bridge.full.iife.min.js', '/e2e/fixtures/didomi-stand-in.js'];
/** A chat starts, as the tag would tell it. */
const chatStarts = (page: Page, chat: number) =>
  page.evaluate(
    (id) => (window as any).iAdvizeCallbacks.onChatStarted({ id, conversationId: `4c8c7408-f73c-42cd-89e9-afbb0${id}`, vuid: 'v' }),
    chat,
  );

describe('gate mode, before the visitor decides', () => {
  it('nothing is loaded, stored, linked or forwarded, and gtag is never told a consent state', async () => {
    const { page, problems } = await toolPage(ctx, tool, 'gate', 'with-page', { before: [{ code: SITE }], after: [{ code: ANALYTICS }] });
    // The site's link endpoint (createLinkHandler on a real server in chat-link.spec.ts): what was beaconed.
    const linked: unknown[] = [];
    await page.route('**/api/chat-link', (route) => {
      linked.push(JSON.parse(route.request().postData() ?? 'null'));
      return route.fulfill({ status: 204 });
    });
    await page.waitForFunction(tool.loaded);
    await page.waitForTimeout(500);
    const pageOwn = [
      ['js', expect.anything()],
      ['config', 'G-TEST12345'],
    ];
    expect(
      await page.evaluate(() => ({
        cookies: document.cookie,
        stored: [...Object.keys(localStorage), ...Object.keys(sessionStorage)],
        config: (window as any).iAdvizeInterface?.config,
      })),
    ).toEqual({ cookies: '', stored: [], config: undefined });
    // A chat event reaching the bridge anyway (a tag loaded another way): neither forwarded nor linked.
    await chatStarts(page, 8000004);
    await page.waitForTimeout(300);
    expect(await layer(page)).toEqual(pageOwn);
    expect(await seenTag(page)).toEqual({ scripts: 0, status: 'waiting-for-consent', runs: 0, config: undefined, sets: [] });
    expect(await fetched(page)).toEqual(PAGE_FILES);
    expect(linked).toEqual([]);

    // The visitor accepts: the tag loads once, the next chat is forwarded and linked; still no consent command.
    await choose(page, tool, 'accept');
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.runs === 1);
    await chatStarts(page, 8000005);
    await page.waitForTimeout(300);
    expect(await fetched(page)).toEqual([...PAGE_FILES, '/e2e/fixtures/iadvize-stand-in.js', '/api/chat-link']);
    expect(linked).toEqual([
      {
        conversationId: '4c8c7408-f73c-42cd-89e9-afbb08000005',
        clientId: CLIENT,
        consent: expect.objectContaining({ analytics: 'GRANTED' }) as unknown,
      },
    ]);
    // gtag: the client id asked for the link, then the event; GTM: its reset, then the event. No 'consent' command.
    expect(await layer(page)).toEqual([
      ...pageOwn,
      ['get', 'G-TEST12345', 'client_id', 'callback'],
      ['event', 'chat_started', { chat_channel: 'chat' }],
      { iadvize: null },
      { event: 'chat_started', iadvize: { chat_channel: 'chat' } },
    ]);
    expect(await page.evaluate(() => (window as any).adapters.map((adapter: any) => adapter.stats.droppedNoConsent))).toEqual([1, 1]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
