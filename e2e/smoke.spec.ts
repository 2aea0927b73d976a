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

describe('the IIFE in real Chromium', () => {
  it.each(['boot', 'late'])('loaded before a fake tag (%s lookup), turns its callbacks into events', async (lookup) => {
    const { page, problems } = await open(browser, `${server.url}/e2e/fixtures/smoke.html?lookup=${lookup}`);
    await page.evaluate(() => (window as any).fakeTag.run('chat'));
    const recorded = await page.evaluate(() => (window as any).recorded);
    expect(recorded.map((r: { type: string }) => r.type)).toEqual([
      'chat:displayed', 'chat:started', 'message:sent', 'operator:typing-started',
      'operator:typing-stopped', 'message:received', 'offer:received',
    ]);
    expect(recorded[1].payload).toMatchObject({ chatId: '1001', startedBy: 'proactive', visitorId: 'abc-visitor' });
    const state = await page.evaluate(() => (window as any).IAdvizeBridge.bridge.state.chat);
    expect(state).toMatchObject({ active: true, chatId: '1001', messagesSent: 1, messagesReceived: 1 });
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });

  it('keeps a var-declared site callback, and a script included twice emits each event once', async () => {
    const { page, problems } = await open(browser, `${server.url}/e2e/fixtures/site-var.html`);
    await page.evaluate(() => (window as any).fakeTag.fire('onChatStarted', { id: 5 }));
    expect(await page.evaluate(() => (window as any).siteCalls)).toEqual(['onChatStarted:5']);
    expect(await page.evaluate(() => (window as any).recorded.map((r: { type: string }) => r.type))).toEqual(['chat:started']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['no debug', '/e2e/fixtures/smoke.html', false],
    ['data-debug on the script tag', '/e2e/fixtures/debug.html', true],
    ['?iadvize_debug=1 in the page URL', '/e2e/fixtures/smoke.html?iadvize_debug=1', true],
  ])('%s: logs the raw callback and its event or stays quiet', async (_name, path, logged) => {
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    await page.goto(server.url + path);
    await page.evaluate(() => (window as any).fakeTag.run('busy'));
    expect(logs.some((line) => line.startsWith('[iadvize-bridge] onStatusChanged'))).toBe(logged);
    await page.close();
  });
});
