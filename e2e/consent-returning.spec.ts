import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { seenTag } from './stand-in-tag.js';
import { choose, nextPage, NO, TOOLS, toolPage, YES, type Mode, type Tool } from './stand-in-tools.js';

// A returning visitor: the choice was made on an earlier page, and the consent tool reads it from its
// own cookie as the next page loads (no banner, no click). The bridge must act on it at once.
const ctx = useBrowser();

/** The visitor chooses on a first page, then opens the next one, where nothing is clicked. */
async function returning(tool: Tool, mode: Mode, choice: 'accept' | 'refuse') {
  const opened = await toolPage(ctx, tool, mode);
  await choose(opened.page, tool, choice);
  await nextPage(ctx, opened.page, tool, mode);
  await opened.page.waitForFunction(tool.loaded);
  await opened.page.waitForTimeout(300);
  return opened;
}

describe.each(Object.entries(TOOLS))('a returning visitor, data-consent="%s:…"', (_name, tool) => {
  it('gate mode, accepted before: the tag loads once, with no click', async () => {
    const { page, problems } = await returning(tool, 'gate', 'accept');
    expect(await seenTag(page)).toEqual({ scripts: 1, status: 'loaded', runs: 1, config: { sid: 1234 }, sets: [] });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gate mode, refused before: the tag stays held, its config unset', async () => {
    const { page, problems } = await returning(tool, 'gate', 'refuse');
    expect(await seenTag(page)).toEqual({ scripts: 0, status: 'waiting-for-consent', runs: 0, config: undefined, sets: [] });
    expect(await page.evaluate(() => (window as any).iAdvizeInterface?.config)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['accepted', 'accept', YES],
    ['refused', 'refuse', NO],
  ] as const)('coordinated mode, %s before: the tag, loaded without cookies, is told so with no click', async (_, choice, told) => {
    const { page, problems } = await returning(tool, 'coordinated', choice);
    expect(await seenTag(page)).toEqual({
      scripts: 1,
      status: 'loaded',
      runs: 1,
      config: { sid: 1234, useExplicitCookiesConsent: true },
      sets: [told],
    });
    expect(problems).toEqual([]);
    await page.close();
  });
});
