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
    await page.waitForFunction(() => document.querySelector('#sent')?.textContent?.includes('chat_survey_answered'), undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as any).iAdvizeSimulator.seen.navigations)).toEqual(['/demo/spa/shoes', '/demo/spa/cart']);
    expect(await page.locator('#sent li code').allTextContents()).toContain('chat_started');
    for (const width of WIDTHS) await expectLayoutAt(page, width);
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });
});
