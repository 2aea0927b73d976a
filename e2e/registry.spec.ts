import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { open, useBrowser } from './browser.js';

const ctx = useBrowser({
  headers: (url): Record<string, string> =>
    url.pathname === '/e2e/fixtures/csp.html'
      ? { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'" }
      : {},
});

// Every documented callback, with the argument the documentation gives it (none, null or an object).
const EVERY_CALLBACK: Array<[string, ...unknown[]]> = [
  ['onStatusChanged', { offline: 0, busy: 0 }], ['onChatButtonDisplayed', null], ['onRuleStarted', { id: 1, label: 'Rule' }],
  ['onInvitationDisplayed', { id: 2 }], ['onChatDisplayed', null], ['onChatStarted', { id: 3, startedBy: 'proactif' }],
  ['onOperatorWriting', null], ['onOperatorStopWriting', null], ['onMessageReceived', { time: '10:00', msg: 'Hi' }],
  ['onVisitorWriting', null], ['onVisitorStopWriting', null], ['onMessageSent', { time: '10:01', msg: 'Hello' }],
  ['onAlertReceived', { time: '10:02', msg: 'Alert' }], ['onOfferReceived', { name: 'Offer', url: 'https://x.example/o?c=1' }],
  ['onLinkReceived', { name: 'Link', url: 'https://x.example/l', push: false }], ['onVisitorTransferred', { operatorId: 9, historyId: 8 }],
  ['onCobrowsingRequested'], ['onCobrowsingAccepted'], ['onCobrowsingRefused'], ['onCobrowsingStopped'],
  ['onChatEnded', { id: 3, endedBy: 'visitor' }], ['onSatisfactionDisplayed'], ['onSatisfactionAnswered', null], ['onChatHidden'],
  ['onCallStatusChanged', { offline: 1 }], ['onCallButtonDisplayed', null], ['onVideoButtonDisplayed', null],
  ['onCallStarted', null], ['onCallEnded', null],
];

const fire = (page: Page, calls: Array<[string, ...unknown[]]>) =>
  page.evaluate((list) => list.forEach(([name, ...args]) => (window as any).iAdvizeSimulator.fire(name, ...args)), calls);
const recordedTypes = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).recorded.map((r: { type: string }) => r.type));

describe('the script-tag build in Chromium', () => {
  it.each(['late', 'boot'])('every callback becomes its event and reaches GA4 and GTM (%s lookup)', async (lookup) => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/e2e/fixtures/every-callback.html?lookup=${lookup}`);
    await fire(page, EVERY_CALLBACK);
    const types = await recordedTypes(page);
    expect(types).toHaveLength(EVERY_CALLBACK.length);
    expect(new Set(types).size).toBe(EVERY_CALLBACK.length);
    const layer = await page.evaluate(() =>
      (window as any).dataLayer.map((entry: any) => (Object.prototype.toString.call(entry) === '[object Arguments]' ? ['gtag', ...Array.from(entry)] : entry)),
    );
    const gtagEvents = layer.filter((entry: unknown[]) => entry[0] === 'gtag' && entry[1] === 'event').map((entry: unknown[]) => entry[2]);
    const gtmEvents = layer.filter((entry: any) => entry.iadvize !== undefined && entry.event).map((entry: any) => entry.event);
    expect(gtagEvents).toHaveLength(EVERY_CALLBACK.length);
    expect(gtmEvents).toEqual(gtagEvents);
    expect(gtagEvents).toContain('chat_started');
    expect(gtagEvents).toContain('chat_survey_answered');
    expect(problems, problems.join('\n')).toEqual([]);
    await page.close();
  });

  it.each(['late', 'boot'])('keeps a var-declared site callback, and a script included twice emits each event once (%s lookup)', async (lookup) => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/e2e/fixtures/site-var.html?lookup=${lookup}`);
    await fire(page, [['onChatStarted', { id: 5 }]]);
    expect(await page.evaluate(() => (window as any).siteCalls)).toEqual(['onChatStarted:5']);
    expect(await recordedTypes(page)).toEqual(['chat:started']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each(['late', 'boot'])('site code that reassigns iAdvizeCallbacks after install stays connected (%s lookup)', async (lookup) => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/e2e/fixtures/reassign.html?lookup=${lookup}`);
    await fire(page, [['onChatStarted', { id: 7 }], ['onChatEnded', { id: 7 }]]);
    expect(await page.evaluate(() => (window as any).siteCalls)).toEqual(['started 7', 'ended 7']);
    expect(await recordedTypes(page)).toEqual(['chat:started', 'chat:ended']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('installed after the tag loaded: works with a late-lookup tag, and says so in debug mode', async () => {
    const page = await ctx.browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    await page.goto(`${ctx.server.url}/e2e/fixtures/late-install.html`);
    await fire(page, [['onChatStarted', { id: 1 }]]);
    expect(await recordedTypes(page)).toEqual(['chat:started']);
    expect(warnings.some((w) => w.includes('installed after the iAdvize tag'))).toBe(true);
    await page.close();
  });

  it('the tag blocked (404): nothing breaks, and what was queued reaches the tag once it loads', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/e2e/fixtures/blocked-tag.html`);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
    expect(await page.evaluate(() => (window as any).IAdvizeBridge.bridge.state.chat.active)).toBe(false);
    await page.addScriptTag({ url: '/dist/iadvize-simulator.iife.js' });
    const seen = await page.evaluate(() => (window as any).iAdvizeSimulator.seen);
    expect(seen.sets).toEqual([['visitor:cookiesConsent', true]]);
    expect(seen.transactions).toEqual([{ id: 'order-9', amount: 59.9 }]);
    await fire(page, [['onChatStarted', { id: 2 }]]);
    expect(await recordedTypes(page)).toEqual(['consent:changed', 'chat:started']);
    await page.close();
  });

  it('works under a strict Content-Security-Policy, with no violation', async () => {
    const { page, problems } = await open(ctx.browser, `${ctx.server.url}/e2e/fixtures/csp.html`);
    await page.evaluate(() => (window as any).iAdvizeSimulator.run('proactive-chat', { speed: 0 }));
    expect((await recordedTypes(page)).length).toBeGreaterThanOrEqual(10);
    expect(await page.evaluate(() => (window as any).dataLayer.filter((e: any) => e.event === 'chat_started'))).toHaveLength(1);
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['no debug', '/e2e/fixtures/plain.html', false],
    ['data-debug on the script tag', '/e2e/fixtures/debug.html', true],
    ['?iadvize_debug=1 in the page URL', '/e2e/fixtures/plain.html?iadvize_debug=1', true],
  ])('%s: logs the raw callback and its event or stays quiet', async (_name, path, logged) => {
    const page = await ctx.browser.newPage();
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    await page.goto(ctx.server.url + path);
    await fire(page, [['onStatusChanged', { offline: 0, busy: 1 }]]);
    expect(logs.some((line) => line.startsWith('[iadvize-bridge] onStatusChanged'))).toBe(logged);
    await page.close();
  });
});
