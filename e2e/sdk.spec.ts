import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { openPage } from './page.js';

const ctx = useBrowser();

describe('Web SDK in Chromium', () => {
  it('an SPA with client-side routing makes one navigate per route change; early calls reach the tag once', async () => {
    const links = ['/e2e/products', '/e2e/products?page=2', '/e2e/cart'].map(
      (href, i) => `<a href="${href}" data-route>${['Products', 'Page 2', 'Cart'][i]}</a>`,
    );
    const { page, problems } = await openPage(ctx.browser, ctx.server, {
      bridge: { build: 'full' },
      after: ['spa-router'],
      tag: false,
      body: `<nav>${links.join(' ')}</nav><main id="view">home</main>`,
    });
    // Before the tag loads: the consent tool decides, and a purchase completes.
    await page.evaluate(() => {
      const { bridge } = (window as any).IAdvizeBridge;
      bridge.sdk.setConsent({ cookies: true, gdpr: true });
      bridge.sdk.recordTransaction({ id: 'order-77', amount: 120.5 });
      (window as any).consentEvents = [];
      bridge.on('consent:changed', (e: any) => (window as any).consentEvents.push([e.kind, e.value]));
    });
    await page.addScriptTag({ url: '/dist/iadvize-simulator.iife.js' });

    await page.click('text=Products');
    await page.click('text=Page 2');
    await page.click('text=Page 2'); // same URL again: no new navigate
    await page.click('text=Cart');
    await page.goBack();
    await page.waitForFunction(() => location.search === '?page=2');

    const seen = await page.evaluate(() => (window as any).iAdvizeSimulator.seen);
    expect(seen.sets).toEqual([
      ['visitor:cookiesConsent', true],
      ['visitor:GDPRConsent', true],
    ]);
    expect(seen.transactions).toEqual([{ id: 'order-77', amount: 120.5 }]);
    expect(seen.navigations).toEqual(['/e2e/products', '/e2e/products?page=2', '/e2e/cart', '/e2e/products?page=2']);
    expect(await page.evaluate(() => (window as any).IAdvizeBridge.bridge.sdk.get('visitor:cookiesConsent'))).toBe(true);
    // The tag runs the queued set() after the bridge subscribed, so both changes reach the stream.
    expect(await page.evaluate(() => (window as any).consentEvents)).toEqual([
      ['cookies', true],
      ['gdpr', true],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
