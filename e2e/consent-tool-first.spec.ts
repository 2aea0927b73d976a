import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { visit } from './page.js';
import { STAND_IN_TAG, seenTag } from './stand-in-tag.js';
import { choose, toolPage, TOOLS, YES } from './stand-in-tools.js';

// A consent tool that loaded, and read a returning visitor's choice, before the bridge's script ran (a
// tag manager that adds the bridge late): the bridge must still hear that choice, told no event of it.
const ctx = useBrowser();

/** The bridge's full script tag, added by the page's own code once the tool has read the stored choice. */
const lateBridge = (consent: string, mode: string) => ({
  code: `window.addEventListener('load', function () { setTimeout(function () {
    var script = document.createElement('script');
    script.src = '/dist/iadvize-bridge.full.iife.min.js';
    script.setAttribute('data-sid', '1234');
    script.setAttribute('data-consent', '${consent}');
    script.setAttribute('data-consent-mode', '${mode}');
    script.setAttribute('data-tag-src', '${STAND_IN_TAG}');
    document.head.appendChild(script);
  }, 400); });`,
});

describe.each(Object.entries(TOOLS))('data-consent="%s:…" with the consent tool loaded before the bridge', (_name, tool) => {
  it.each(['gate', 'coordinated'])('%s mode: a choice stored on an earlier page applies', async (mode) => {
    const opened = await toolPage(ctx, tool, 'gate');
    await choose(opened.page, tool, 'accept');
    await visit(
      opened.page,
      ctx.server,
      { bridge: false, before: [tool.script, lateBridge(tool.consent, mode)], tag: false },
      { path: '/e2e/tool-first.html' },
    );
    await opened.page.waitForFunction(() => (window as any).IAdvizeBridge);
    await opened.page.waitForTimeout(400);
    expect(await seenTag(opened.page)).toMatchObject(
      mode === 'gate' ? { scripts: 1, status: 'loaded', runs: 1, sets: [] } : { scripts: 1, status: 'loaded', runs: 1, sets: [YES] },
    );
    expect(opened.problems).toEqual([]);
    await opened.page.close();
  });
});
