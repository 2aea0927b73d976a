import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';
import { pageHtml } from './page.js';

/** The script-tag build and the simulator on a page of the shop; `attributes` go on the bridge's script tag. */
const shopPage = (attributes = 'data-analytics="ga4 gtm"') =>
  pageHtml({ before: ['gtag-stub'], bridge: { attributes }, after: ['record'], body: '<a href="cart.html">cart</a>' });

const ctx = useBrowser();
const START = { id: 4242, conversationId: '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa', vuid: 'vuid-1' };

describe('a multi-page shop', () => {
  it('a chat started on the product page goes on on the cart page: one chat, its real duration', async () => {
    const { page, problems } = await open(ctx.browser, 'about:blank');
    await page.route(`${ctx.server.url}/shop/**`, (route) => route.fulfill({ contentType: 'text/html', body: shopPage() }));
    await page.goto(`${ctx.server.url}/shop/product.html`);
    await page.evaluate((start) => (window as any).iAdvizeSimulator.fire('onChatStarted', start), START);
    const startedAt = await page.evaluate(() => (window as any).IAdvizeBridge.bridge.state.chat.startedAt);
    await page.waitForTimeout(1100);
    await page.click('a'); // a real navigation: a new document, the same tab
    await page.waitForURL('**/shop/cart.html');

    const onCart = await page.evaluate(() => (window as any).IAdvizeBridge.bridge.state.chat);
    expect(onCart).toMatchObject({ active: true, chatId: '4242', conversationId: START.conversationId, startedAt });
    const events = await page.evaluate((start) => {
      const w = window as any;
      w.iAdvizeSimulator.fire('onChatStarted', start); // the tag announces the chat again on the new page
      w.iAdvizeSimulator.fire('onChatEnded', start);
      return w.recorded.map((r: { payload: unknown }) => r.payload);
    }, START);
    expect(events[0]).toMatchObject({ type: 'chat:started', resumed: true });
    expect(events[1]).toMatchObject({ type: 'chat:ended', conversationId: START.conversationId });
    expect(events[1].durationMs).toBeGreaterThanOrEqual(1000);
    const sent = await page.evaluate(() => (window as any).dataLayer.filter((e: any) => e.event).map((e: any) => e.event));
    expect(sent).toEqual(['chat_ended']); // chat_started was counted on the product page, once
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('script-tag attributes in Chromium', () => {
  it('names of Object.prototype in data-analytics, a name twice and a bad data-include-ids: the bridge installs, each tool once', async () => {
    const { page, problems } = await open(ctx.browser, 'about:blank');
    const attributes = 'data-analytics="constructor toString __proto__ hasOwnProperty ga4 ga4" data-include-ids="maybe"';
    await page.route(`${ctx.server.url}/shop/**`, (route) => route.fulfill({ contentType: 'text/html', body: shopPage(attributes) }));
    await page.goto(`${ctx.server.url}/shop/attributes.html`);
    const gtagEvents = await page.evaluate(() => {
      const w = window as any;
      w.iAdvizeSimulator.fire('onChatStarted', { id: 1 });
      return w.dataLayer
        .filter((e: any) => Object.prototype.toString.call(e) === '[object Arguments]' && e[0] === 'event')
        .map((e: any) => [e[1], e[2]]);
    });
    expect(gtagEvents).toEqual([['chat_started', { chat_channel: 'chat' }]]);
    expect(problems.filter((p) => p.includes('unknown adapter'))).toHaveLength(4);
    expect(problems.filter((p) => p.includes('data-include-ids="maybe"'))).toHaveLength(1);
    expect(problems).toHaveLength(5);
    await page.close();
  });
});
