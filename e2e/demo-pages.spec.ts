import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';
import { expectLayoutAt, WIDTHS } from './layout.js';

const ctx = useBrowser();
const simulatorLoaded = () => (window as any).iAdvizeSimulator?.loaded;

describe('the SPA demo', () => {
  it('imports the ESM build, follows its routes and forwards events', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/demo/spa.html`);
    await page.waitForFunction(simulatorLoaded);
    await page.click('text=Shoes');
    await page.click('text=Cart');
    await page.click('[data-action=chat]');
    await page.waitForFunction(() => document.querySelector('#sent')?.textContent?.includes('chat_survey_answered'), undefined, {
      timeout: 20_000,
    });
    expect(await page.evaluate(() => (window as any).iAdvizeSimulator.seen.navigations)).toEqual(['/demo/spa/shoes', '/demo/spa/cart']);
    expect(await page.locator('#sent li code').allTextContents()).toContain('chat_started');
    for (const width of WIDTHS) await expectLayoutAt(page, width);
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });

  it('a route reloaded, or opened directly, shows the same view', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/demo/spa.html`);
    await page.waitForFunction(simulatorLoaded);
    await page.click('text=Jackets');
    expect(page.url()).toBe(`${ctx.server.url}/demo/spa/jackets`);
    const response = await page.reload();
    expect(response?.status()).toBe(200);
    await page.waitForFunction(simulatorLoaded);
    expect({ url: page.url(), view: await page.textContent('#view') }).toEqual({
      url: `${ctx.server.url}/demo/spa/jackets`,
      view: 'Jackets',
    });
    // Still the SPA: its links route without a page load, and the bridge tells the tag.
    await page.click('text=Cart');
    expect(await page.textContent('#view')).toBe('Cart');
    expect(await page.evaluate(() => (window as any).iAdvizeSimulator.seen.navigations)).toEqual(['/demo/spa/cart']);
    await page.goBack();
    expect(await page.textContent('#view')).toBe('Jackets');
    await page.goto(`${ctx.server.url}/demo/spa/cart`);
    await page.waitForFunction(simulatorLoaded);
    expect(await page.textContent('#view')).toBe('Cart');
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });
});

describe('the one-tag demo page', () => {
  it('one script tag loads the tag (the simulator at the tag path) once; events reach GA4 and GTM', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/demo/one-tag.html?speed=0.05`);
    await page.waitForFunction(simulatorLoaded);
    const integration = await page.evaluate(() => ({
      bridgeTags: [...document.querySelectorAll('script[src*="iadvize-bridge"]')].map((s) => s.getAttribute('src')),
      tags: [...document.querySelectorAll('script')].filter((s) => s.src.endsWith('/demo/iadvize.js')).length,
      config: (window as any).iAdvizeSimulator.seen.config,
      status: (window as any).IAdvizeBridge.bridge.tag.status,
    }));
    expect(integration).toEqual({
      bridgeTags: ['../dist/iadvize-bridge.iife.min.js'],
      tags: 1,
      config: { sid: 1234, lang: 'en' },
      status: 'loaded',
    });
    await page.click('[data-scenario="proactive-chat"]');
    await page.waitForSelector('[data-scenario="proactive-chat"][data-done]', { timeout: 20_000 });
    const sent = await page.locator('#sent li code').allTextContents();
    expect(sent).toEqual(expect.arrayContaining(['ga4 chat_started', 'gtm chat_started', 'ga4 chat_ended', 'gtm chat_ended']));
    const events = await page.locator('#events li code').allTextContents();
    // Newest first: the loader's own events came before any chat.
    expect(events.slice(-2)).toEqual(['tag:loaded', 'tag:loading']);
    expect(JSON.parse((await page.textContent('#state')) ?? '{}').tag).toEqual({ status: 'loaded' });
    for (const width of WIDTHS) await expectLayoutAt(page, width);
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });
});
