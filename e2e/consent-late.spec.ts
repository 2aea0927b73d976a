import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { seenTag } from './stand-in-tag.js';
import { arrive, choose, nextPage, NO, TOOLS, toolPage, YES, type Tool } from './stand-in-tools.js';

// A consent tool that comes late: its script loaded well after the bridge and the page's load (a slow
// CDN, a tag manager that adds it), a new visitor's or a returning one's. Nothing may load before it;
// its decision applies when it comes.
const ctx = useBrowser();
/** How late the tool comes after the page's load event: longer than the bridge's longest wait between two looks (2 s). */
const LATE = 2_500;

/** Waits past the page's load, checking what stands before the tool comes, then loads the tool. */
async function late(page: Page, tool: Tool) {
  await page.waitForLoadState('load');
  await page.waitForTimeout(LATE);
  const before = await seenTag(page);
  await arrive(page, tool);
  return before;
}
const HELD = { scripts: 0, status: 'waiting-for-consent', runs: 0, config: undefined, sets: [] };

describe.each(Object.entries(TOOLS))('data-consent="%s:…" whose tool comes late', (_name, tool) => {
  it('gate mode, a new visitor: nothing loads before the tool, nor before the choice; accepting then loads the tag once', async () => {
    const { page, problems } = await toolPage(ctx, tool, 'gate', 'late');
    expect(await late(page, tool)).toEqual(HELD);
    await page.waitForTimeout(300);
    expect(await seenTag(page)).toEqual(HELD);
    await choose(page, tool, 'accept');
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.runs === 1);
    expect(await seenTag(page)).toEqual({ scripts: 1, status: 'loaded', runs: 1, config: { sid: 1234 }, sets: [] });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gate mode, a visitor who accepted on an earlier page: held until the tool comes, then loaded with no click', async () => {
    const { page, problems } = await toolPage(ctx, tool, 'gate');
    await choose(page, tool, 'accept');
    await nextPage(ctx, page, tool, 'gate', 'late');
    expect(await late(page, tool)).toEqual(HELD);
    await page.waitForFunction(() => (window as any).iAdvizeStandIn?.runs === 1);
    expect(await seenTag(page)).toEqual({ scripts: 1, status: 'loaded', runs: 1, config: { sid: 1234 }, sets: [] });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('coordinated mode, a visitor who refused on an earlier page: the tag is told nothing until the tool comes, then no, then each change', async () => {
    const { page, problems } = await toolPage(ctx, tool, 'coordinated');
    await choose(page, tool, 'refuse');
    await nextPage(ctx, page, tool, 'coordinated', 'late');
    expect(await late(page, tool)).toEqual({
      scripts: 1,
      status: 'loaded',
      runs: 1,
      config: { sid: 1234, useExplicitCookiesConsent: true },
      sets: [],
    });
    await page.waitForFunction(() => (window as any).iAdvizeStandIn.sets.length > 0);
    await choose(page, tool, 'accept');
    expect(await seenTag(page)).toMatchObject({ runs: 1, sets: [NO, YES] });
    expect(problems).toEqual([]);
    await page.close();
  });
});
