import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { openPage } from './page.js';

// IAB's own CMP API (@iabtcf/cmpapi) and TC string encoder (@iabtcf/core) from npm, bundled for the
// page; gtag is Google's page contract (gtag.js is not on npm). The bridge is the full script tag.
const out = mkdtempSync(join(tmpdir(), 'iabtcf-'));
buildSync({
  entryPoints: [fileURLToPath(new URL('fixtures/iabtcf/cmp.mjs', import.meta.url))],
  bundle: true,
  format: 'iife',
  outfile: join(out, 'cmp.js'),
  logLevel: 'silent',
});
const ctx = useBrowser({ mounts: { 'vendor/iabtcf/': `${out}/` } });

/** A page with the CMP's code (not started), gtag, and a ga4 adapter whose consent is `tcf()`. */
async function consentPage(tcf = '{}'): Promise<{ page: Page; problems: string[] }> {
  const opened = await openPage(ctx.browser, ctx.server, { before: ['/vendor/iabtcf/cmp.js', 'gtag-stub'], bridge: { build: 'full' } });
  await opened.page.evaluate((options) => {
    const w = window as any;
    w.source = w.IAdvizeBridge.tcf(JSON.parse(options));
    w.adapter = w.IAdvizeBridge.ga4({ consent: w.source });
    w.IAdvizeBridge.install({ adapters: [w.adapter] });
  }, tcf);
  return opened;
}

const fire = (page: Page, callback = 'onCallStarted') =>
  page.evaluate((name) => (window as any).iAdvizeSimulator.fire(name, null), callback);
const state = (page: Page) => page.evaluate(() => (window as any).source.state(window) as string);
const waitFor = (page: Page, expected: string) => page.waitForFunction((value) => (window as any).source.state(window) === value, expected);
/** What gtag received: the events' names, and every consent command in dataLayer. */
const gtagGot = (page: Page) =>
  page.evaluate(() => {
    const layer = ((window as any).dataLayer as ArrayLike<unknown>[]).map((entry) => Array.from(entry));
    return {
      events: layer.filter((entry) => entry[0] === 'event').map((entry) => entry[1]),
      consent: layer.filter((entry) => entry[0] === 'consent'),
      stats: (window as any).adapter.stats as { sent: number; droppedNoConsent: number },
    };
  });

describe("tcf() against IAB's CMP API in Chromium, with ga4()", () => {
  it('granted: a returning visitor who consented to purpose 1 (tcloaded); gtag receives the events', async () => {
    const { page, problems } = await consentPage();
    await page.evaluate(() => {
      const cmp = (window as any).TestCmp;
      cmp.start().update(cmp.encode([1]), false);
    });
    await waitFor(page, 'granted');
    await fire(page);
    await fire(page, 'onCallEnded');
    expect(await gtagGot(page)).toEqual({
      events: ['chat_call_started', 'chat_call_ended'],
      consent: [],
      stats: expect.objectContaining({ sent: 2, droppedNoConsent: 0 }),
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('denied: purpose 1 refused, or purpose 1 given but not the vendor; nothing reaches gtag', async () => {
    const { page, problems } = await consentPage();
    await page.evaluate(() => {
      const cmp = (window as any).TestCmp;
      cmp.start().update(cmp.encode([2, 3]), false);
    });
    await waitFor(page, 'denied');
    await fire(page);
    expect(await gtagGot(page)).toEqual({ events: [], consent: [], stats: expect.objectContaining({ sent: 0, droppedNoConsent: 1 }) });
    await page.close();
    const vendor = await consentPage('{"vendorId":1234}');
    await vendor.page.evaluate(() => {
      const cmp = (window as any).TestCmp;
      cmp.start().update(cmp.encode([1], []), false);
    });
    await waitFor(vendor.page, 'denied');
    await vendor.page.evaluate(() => (window as any).TestCmp.api.update((window as any).TestCmp.encode([1], [1234]), false));
    await waitFor(vendor.page, 'granted');
    await fire(vendor.page);
    expect((await gtagGot(vendor.page)).events).toEqual(['chat_call_started']);
    expect([...problems, ...vendor.problems]).toEqual([]);
    await vendor.page.close();
  });

  it('withdrawn: undecided while the banner is up, granted, then withdrawn; only the event while granted is sent, none later', async () => {
    const { page, problems } = await consentPage();
    await page.evaluate(() => (window as any).TestCmp.start().update('', true)); // a new visitor: the banner shows
    await fire(page);
    expect(await state(page)).toBe('undecided');
    await page.evaluate(() => (window as any).TestCmp.api.update((window as any).TestCmp.encode([1]), false));
    await waitFor(page, 'granted');
    await fire(page, 'onCallEnded');
    await page.evaluate(() => (window as any).TestCmp.api.update((window as any).TestCmp.encode([]), false));
    await waitFor(page, 'denied');
    await fire(page);
    await page.waitForTimeout(300);
    expect(await gtagGot(page)).toEqual({
      events: ['chat_call_ended'],
      consent: [],
      stats: expect.objectContaining({ sent: 1, droppedNoConsent: 2 }),
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a CMP that loads late is found, and its answer applies from then on', async () => {
    const { page, problems } = await consentPage();
    await fire(page); // before the CMP: undecided, dropped
    await page.waitForTimeout(1_000);
    await page.evaluate(() => {
      const cmp = (window as any).TestCmp;
      cmp.start().update(cmp.encode([1]), false);
    });
    await waitFor(page, 'granted'); // within the 2 s the wait for a late CMP allows
    await fire(page, 'onCallEnded');
    expect(await gtagGot(page)).toEqual({
      events: ['chat_call_ended'],
      consent: [],
      stats: expect.objectContaining({ sent: 1, droppedNoConsent: 1 }),
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a CMP that never loads leaves it undecided: nothing sent, nothing thrown, never gtag("consent", ...)', async () => {
    const { page, problems } = await consentPage();
    for (let i = 0; i < 3; i++) {
      await fire(page);
      await page.waitForTimeout(1_000);
    }
    expect(await state(page)).toBe('undecided');
    expect(await gtagGot(page)).toEqual({ events: [], consent: [], stats: expect.objectContaining({ sent: 0, droppedNoConsent: 3 }) });
    expect(problems).toEqual([]);
    await page.close();
  });
});
