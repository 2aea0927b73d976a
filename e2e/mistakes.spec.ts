import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { openPage } from './page.js';

const ctx = useBrowser();

/** What the page's code gets back from `code`: its result, or the message of what it threw. */
const attempt = (code: string) => `(() => { try { return String(${code}); } catch (error) { return String(error); } })()`;

describe('a mistake in the script-tag builds is an error where it is written, in Chromium', () => {
  it.each(['default', 'full'] as const)(
    '%s build: a factory passed uncalled says "write ga4() not ga4", and the working ga4 adapter stays',
    async (build) => {
      const { page, problems } = await openPage(ctx.browser, ctx.server, {
        before: ['gtag-stub'],
        bridge: { build, attributes: 'data-analytics="ga4"' },
      });
      expect(await page.evaluate(attempt('IAdvizeBridge.install({ plugins: [IAdvizeBridge.ga4] })'))).toBe(
        'TypeError: iadvize-bridge plugin: a plugin factory must be called: write ga4() not ga4',
      );
      expect(await page.evaluate(attempt('IAdvizeBridge.install({ adapters: [IAdvizeBridge.gtm] })'))).toContain('write gtm() not gtm');
      expect(await page.evaluate(attempt('IAdvizeBridge.ga4({ sendto: "G-TEST000000" })'))).toContain(
        'unknown option `sendto`: did you mean `sendTo`?',
      );
      const sent = await page.evaluate(() => {
        const w = window as any;
        w.iAdvizeSimulator.fire('onChatStarted', { id: 1 });
        return w.dataLayer.filter((e: any) => e[0] === 'event').map((e: any) => e[1]);
      });
      expect(sent).toEqual(['chat_started']);
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('full build: every factory keeps its name for the message', async () => {
    const { page } = await openPage(ctx.browser, ctx.server, { bridge: { build: 'full' } });
    const said = await page.evaluate(
      `['webSdk', 'virtualAgent', 'mixpanel', 'custom'].map((name) => ${attempt('IAdvizeBridge.install({ plugins: [IAdvizeBridge[name]] })')})`,
    );
    expect(said).toEqual(
      ['webSdk', 'virtualAgent', 'mixpanel', 'custom'].map(
        (name) => `TypeError: iadvize-bridge plugin: a plugin factory must be called: write ${name}() not ${name}`,
      ),
    );
    await page.close();
  });

  it('data-analytics="GA4" says the name that was meant on the console, and the bridge installs', async () => {
    const { page, problems } = await openPage(ctx.browser, ctx.server, { bridge: { attributes: 'data-analytics="GA4"' } });
    expect(await page.evaluate(() => typeof (window as any).IAdvizeBridge.bridge.on)).toBe('function');
    expect(problems).toEqual([
      '[iadvize-bridge] data-analytics: unknown adapter "GA4": did you mean "ga4"? (accepted: ga4 gtm; the full build has every adapter)',
    ]);
    await page.close();
  });
});
