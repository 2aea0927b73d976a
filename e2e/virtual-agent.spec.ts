import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';

const ctx = useBrowser();

describe('virtual-agent hand-off in Chromium', () => {
  it('the bot hands off, the tag sees vaSCI when the chat starts, the bot reads the chat back from the proxy when it ends', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/demo/`);
    await page.click('[data-action=handoff]');
    await page.evaluate(() => (window as any).iAdvizeSimulator.startChat('visitor'));
    const seen = await page.evaluate(() => (window as any).iAdvizeSimulator.seen.vaSCI);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^demo-bot:[a-z0-9]+$/);
    expect(await page.evaluate(() => (window as any).IAdvizeBridge.bridge.virtualAgent.state)).toEqual({
      vaConversationId: seen[0],
      applied: true,
    });
    await page.evaluate(() => {
      const tag = (window as any).iAdvizeSimulator;
      tag.visitorSays('Do you ship to Spain?');
      tag.operatorSays('Yes, in 3 days.');
      tag.endChat('operator');
    });
    await page.waitForSelector('#bot[data-transcript="3"]');
    const lines = await page.locator('#bot li').allTextContents();
    expect(lines.slice(-3)).toEqual([
      `[navigation] ${ctx.server.url}/demo/`,
      '[visitor] Do you ship to Spain?',
      '[operator] Yes, in 3 days.',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the proxy route never exposes the key and refuses bad ids', async () => {
    const response = await fetch(`${ctx.server.url}/api/iadvize-history?chatId=12x`);
    expect(response.status).toBe(400);
    const ok = await fetch(`${ctx.server.url}/api/iadvize-history?chatId=42`);
    const text = await ok.text();
    expect(ok.status).toBe(200);
    expect(text).not.toContain('demo-key');
  });
});
