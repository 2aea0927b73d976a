import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { openPage, type PageParts } from './page.js';

const ctx = useBrowser();
const at = (parts: PageParts, options?: Parameters<typeof openPage>[3]) => openPage(ctx.browser, ctx.server, parts, options);
const simulator = (lookup: string) => ({ attributes: `data-lookup="${lookup}"` });

// Every documented callback, with the argument the documentation gives it (none, null or an object).
const EVERY_CALLBACK: Array<[string, ...unknown[]]> = [
  ['onStatusChanged', { offline: 0, busy: 0 }],
  ['onChatButtonDisplayed', null],
  ['onRuleStarted', { id: 1, label: 'Rule' }],
  ['onInvitationDisplayed', { id: 2 }],
  ['onChatDisplayed', null],
  ['onChatStarted', { id: 3, startedBy: 'proactif' }],
  ['onOperatorWriting', null],
  ['onOperatorStopWriting', null],
  ['onMessageReceived', { time: '10:00', msg: 'Hi' }],
  ['onVisitorWriting', null],
  ['onVisitorStopWriting', null],
  ['onMessageSent', { time: '10:01', msg: 'Hello' }],
  ['onAlertReceived', { time: '10:02', msg: 'Alert' }],
  ['onOfferReceived', { name: 'Offer', url: 'https://x.example/o?c=1' }],
  ['onLinkReceived', { name: 'Link', url: 'https://x.example/l', push: false }],
  ['onVisitorTransferred', { operatorId: 9, historyId: 8 }],
  ['onCobrowsingRequested'],
  ['onCobrowsingAccepted'],
  ['onCobrowsingRefused'],
  ['onCobrowsingStopped'],
  ['onChatEnded', { id: 3, endedBy: 'visitor' }],
  ['onSatisfactionDisplayed'],
  ['onSatisfactionAnswered', null],
  ['onChatHidden'],
  ['onCallStatusChanged', { offline: 1 }],
  ['onCallButtonDisplayed', null],
  ['onVideoButtonDisplayed', null],
  ['onCallStarted', null],
  ['onCallEnded', null],
];

const fire = (page: Page, calls: Array<[string, ...unknown[]]>) =>
  page.evaluate((list) => list.forEach(([name, ...args]) => (window as any).iAdvizeSimulator.fire(name, ...args)), calls);
const recordedTypes = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).recorded.map((r: { type: string }) => r.type));

describe('the script-tag build in Chromium', () => {
  it.each(['late', 'boot'])('every callback becomes its event and reaches GA4 and GTM (%s lookup)', async (lookup) => {
    const { page, problems } = await at({
      before: ['gtag-stub'],
      bridge: { build: 'full' },
      after: ['every-event-adapters', 'record'],
      tag: simulator(lookup),
    });
    await fire(page, EVERY_CALLBACK);
    const types = await recordedTypes(page);
    expect(types).toHaveLength(EVERY_CALLBACK.length);
    expect(new Set(types).size).toBe(EVERY_CALLBACK.length);
    const layer = await page.evaluate(() =>
      (window as any).dataLayer.map((entry: any) =>
        Object.prototype.toString.call(entry) === '[object Arguments]' ? ['gtag', ...Array.from(entry)] : entry,
      ),
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

  it.each(['late', 'boot'])(
    'keeps a var-declared site callback, and a script included twice emits each event once (%s lookup)',
    async (lookup) => {
      const { page, problems } = await at({ before: ['site-var'], bridge: { twice: true }, after: ['record'], tag: simulator(lookup) });
      await fire(page, [['onChatStarted', { id: 5 }]]);
      expect(await page.evaluate(() => (window as any).siteCalls)).toEqual(['onChatStarted:5']);
      expect(await recordedTypes(page)).toEqual(['chat:started']);
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it.each(['late', 'boot'])('site code that reassigns iAdvizeCallbacks after install stays connected (%s lookup)', async (lookup) => {
    const { page, problems } = await at({ after: ['record'], tag: simulator(lookup), last: ['reassign'] });
    await fire(page, [
      ['onChatStarted', { id: 7 }],
      ['onChatEnded', { id: 7 }],
    ]);
    expect(await page.evaluate(() => (window as any).siteCalls)).toEqual(['started 7', 'ended 7']);
    expect(await recordedTypes(page)).toEqual(['chat:started', 'chat:ended']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('installed after the tag loaded: works with a late-lookup tag, and says so in debug mode', async () => {
    const { page, logs } = await at({ tagFirst: true, tag: simulator('late'), bridge: { attributes: 'data-debug' }, after: ['record'] });
    await fire(page, [['onChatStarted', { id: 1 }]]);
    expect(await recordedTypes(page)).toEqual(['chat:started']);
    expect(logs.some((line) => line.startsWith('warning: ') && line.includes('installed after the iAdvize tag'))).toBe(true);
    await page.close();
  });

  it('the tag blocked (404): nothing breaks, and what was queued reaches the tag once it loads', async () => {
    const { page, problems } = await at({
      bridge: { build: 'full' },
      after: ['record', 'early-sdk-calls'],
      tag: { src: '/blocked/iadvize.js' },
    });
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
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";
    const { page, problems } = await at(
      { bridge: { attributes: 'data-analytics="gtm"' }, after: ['record', 'csp-violations'] },
      { headers: { 'content-security-policy': csp } },
    );
    await page.evaluate(() => (window as any).iAdvizeSimulator.run('proactive-chat', { speed: 0 }));
    expect((await recordedTypes(page)).length).toBeGreaterThanOrEqual(10);
    expect(await page.evaluate(() => (window as any).dataLayer.filter((e: any) => e.event === 'chat_started'))).toHaveLength(1);
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['no debug', {}, '/e2e/page.html', false],
    ['data-debug on the script tag', { attributes: 'data-debug' }, '/e2e/page.html', true],
    ['?iadvize_debug=1 in the page URL', {}, '/e2e/page.html?iadvize_debug=1', true],
  ])('%s: logs the raw callback and its event or stays quiet', async (_name, bridge, path, logged) => {
    const { page, logs } = await at({ bridge, after: ['record'] }, { path });
    await fire(page, [['onStatusChanged', { offline: 0, busy: 1 }]]);
    expect(logs.some((line) => line.startsWith('info: [iadvize-bridge] onStatusChanged'))).toBe(logged);
    await page.close();
  });
});
