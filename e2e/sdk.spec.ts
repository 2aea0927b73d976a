import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, open, serve, type Served } from './browser.js';

let browser: Browser;
let server: Served;

beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serve()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

describe('Web SDK in Chromium', () => {
  it('an SPA with client-side routing makes one navigate per route change; early calls reach the tag once', async () => {
    const { page, problems } = await open(browser, `${server.url}/e2e/fixtures/spa-router.html`);
    // Before the tag loads: the consent tool decides, and a purchase completes.
    await page.evaluate(() => {
      const { bridge } = (window as any).IAdvizeBridge;
      bridge.sdk.setConsent({ cookies: true, gdpr: true });
      bridge.sdk.recordTransaction({ id: 'order-77', amount: 120.5 });
      (window as any).consentEvents = [];
      bridge.on('consent:changed', (e: any) => (window as any).consentEvents.push([e.kind, e.value]));
    });
    await page.addScriptTag({ url: '/demo/fake-tag.js' });

    await page.click('text=Products');
    await page.click('text=Page 2');
    await page.click('text=Page 2'); // same URL again: no new navigate
    await page.click('text=Cart');
    await page.goBack();
    await page.waitForFunction(() => location.search === '?page=2');

    const calls = await page.evaluate(() => (window as any).fakeTag.sdkCalls);
    expect(calls).toEqual([
      ['set', 'visitor:cookiesConsent', true],
      ['set', 'visitor:GDPRConsent', true],
      ['recordTransaction', { id: 'order-77', amount: 120.5 }],
      ['navigate', '/e2e/fixtures/products'],
      ['navigate', '/e2e/fixtures/products?page=2'],
      ['navigate', '/e2e/fixtures/cart'],
      ['navigate', '/e2e/fixtures/products?page=2'],
    ]);
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
