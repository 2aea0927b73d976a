import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';
import { expectLayoutAt, WIDTHS } from './layout.js';
import type { Page } from 'playwright';

// Every run saves screenshots in test-results/; UPDATE_SCREENSHOT=1 refreshes the committed ones instead.
const screenshot = (width: 390 | 1280) =>
  fileURLToPath(
    new URL(
      process.env.UPDATE_SCREENSHOT ? `../demo/screenshot${width === 1280 ? '' : '-390'}.png` : `../test-results/demo-${width}.png`,
      import.meta.url,
    ),
  );

const ctx = useBrowser();
const botLines = (page: Page) => page.locator('#bot li').allTextContents();

describe('the demo shop', () => {
  it('runs every scenario, fills the inspector, drives the widget by hand, without console errors', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/demo/?speed=0.05`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('[data-action=handoff]');
    for (const scenario of ['agents-offline', 'call', 'proactive-chat']) {
      await page.click(`[data-scenario="${scenario}"]`);
      await page.waitForSelector(`[data-scenario="${scenario}"][data-done]`, { timeout: 20_000 });
    }
    const afterChat = JSON.parse((await page.textContent('#state')) ?? '{}');
    expect(afterChat.chat).toMatchObject({ active: false, chatId: '8000001', messagesSent: 1, messagesReceived: 2 });
    await page.click('[data-action=start]');
    await page.fill('#message', 'Is the size 44 in stock?');
    await page.click('#compose button');
    await page.click('[data-action=buy]');
    await page.click('[data-action=end]');

    expect(Number(await page.textContent('#event-count'))).toBeGreaterThanOrEqual(15);
    const sent = await page.locator('#sent li').allTextContents();
    expect(sent.some((line) => line.startsWith('ga4 chat_started'))).toBe(true);
    expect(sent.some((line) => line.startsWith('gtm chat_ended'))).toBe(true);
    const state = JSON.parse((await page.textContent('#state')) ?? '{}');
    expect(state.chat).toMatchObject({ active: false, chatId: '8000002', messagesSent: 1, messagesReceived: 0 });
    expect(state.virtualAgent.applied).toBe(true);
    expect(await page.locator('#messages li').allTextContents()).toContain('Is the size 44 in stock?');
    // The bot read each chat back when it ended: the scenario's, then the one typed here.
    await page.waitForSelector('#bot[data-chat-id="8000002"]');
    const lines = await botLines(page);
    expect(lines).toContain('[visitor] Is the size 44 in stock?');
    expect(lines).toContain('[visitor] Yes, do you ship to Spain?');
    expect(lines).toContain('[operator] Hello! Can I help you choose a size?');
    const seen = await page.evaluate(() => (window as any).iAdvizeSimulator.seen);
    expect(seen.transactions).toHaveLength(1);
    expect(seen.vaSCI[0]).toMatch(/^demo-bot:/);
    await page.screenshot({ path: screenshot(1280), fullPage: true });
    for (const width of WIDTHS) await expectLayoutAt(page, width);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshot(390), fullPage: true });
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });

  it.each(['proactive-chat', 'call', 'agents-offline'])(
    'as a current tag (the default), %s shows in the inspector and the widget within 5 s',
    async (scenario) => {
      const { page, problems } = await open(ctx.browser, `${ctx.server.url}/demo/`);
      await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
      await page.click(`[data-scenario="${scenario}"]`);
      const shown = () => document.querySelectorAll('#events li').length > 0 && document.querySelectorAll('#messages li').length > 0;
      await page.waitForFunction(shown, undefined, { timeout: 5_000 });
      // Played at realistic speed, to its end, with nothing the tag does not fire and no note about it.
      await page.waitForSelector(`[data-scenario="${scenario}"][data-done]`, { timeout: 15_000 });
      expect(await page.evaluate(() => (window as any).iAdvizeSimulator.seen.skipped)).toEqual([]);
      expect(await page.locator('#skipped').count()).toBe(0);
      expect(problems, problems.join('\n')).toEqual([]);
      await page.close();
    },
  );

  it('a control plays the scenarios as a 2017 tag (every callback, 2017 payloads), and back', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/demo/?speed=0.05`);
    await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
    expect(await page.isChecked('#tag-2017')).toBe(false);
    expect(await page.textContent('#scenarios-how')).toContain('as a current iAdvize tag plays them');
    await Promise.all([page.waitForURL(/[?&]payloads=2017/), page.check('#tag-2017')]);
    await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
    expect(await page.evaluate(() => (window as any).iAdvizeSimulator.payloads)).toBe('2017');
    expect(page.url()).toContain('speed=0.05');
    expect(await page.isChecked('#tag-2017')).toBe(true);
    expect(await page.textContent('#scenarios-how')).toContain('as a 2017 iAdvize tag played them');
    await page.click('[data-scenario="proactive-chat"]');
    await page.waitForSelector('[data-scenario="proactive-chat"][data-done]', { timeout: 20_000 });
    const events = await page.locator('#events li').allTextContents();
    expect(events.some((line) => line.startsWith('offer:received'))).toBe(true);
    expect(events.find((line) => line.startsWith('chat:started'))).toContain('"startedBy":"proactive"');
    await Promise.all([page.waitForURL((url) => !url.searchParams.has('payloads')), page.uncheck('#tag-2017')]);
    await page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);
    expect(await page.evaluate(() => (window as any).iAdvizeSimulator.payloads)).toBe('current');
    expect(await page.textContent('#scenarios-how')).toContain('as a current iAdvize tag plays them');
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });

  it('on a phone, the bot reads back exactly what the visitor typed, as text', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/demo/`);
    await page.setViewportSize({ width: 390, height: 844 });
    // Markup, quotes and a record separator: it must come back as one visitor message, shown as typed.
    const typed = 'Size 44 <img src=x onerror="window.injected=1"> "],[1,"2024-01-01 00:00:00","fake agent"],[2,"';
    await page.click('[data-action=handoff]');
    await page.fill('#message', typed); // the visitor's first message opens the chat, as with the real tag
    await page.click('#compose button');
    await page.click('[data-action=reply]');
    await page.waitForSelector('#messages li.operator');
    await expectLayoutAt(page, 390);
    await page.click('[data-action=end]');
    await page.waitForSelector('#bot[data-chat-id="8000001"]');
    const lines = await botLines(page);
    const transcript = lines.slice(lines.findIndex((line) => line.startsWith('Bot: welcome back')) + 1);
    const reply = (await page.locator('#messages li.operator').allTextContents())[0];
    expect(transcript).toEqual([`[navigation] ${ctx.server.url}/demo/`, `[visitor] ${typed}`, `[operator] ${reply}`]);
    expect(await page.getAttribute('#bot', 'data-transcript')).toBe('3');
    expect(
      await page.evaluate(() => ({ images: document.querySelectorAll('img[src=x]').length, injected: (window as any).injected })),
    ).toEqual({ images: 0, injected: undefined });
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });
});
