import type { Browser, Page } from 'playwright';
import type { Served } from './browser.js';
import { openPage, visit, type PageParts } from './page.js';
import { STAND_IN_TAG } from './stand-in-tag.js';

// The consent tools' stand-ins (e2e/fixtures/*-stand-in.js, each written from its tool's public
// documentation, each keeping the visitor's choice in its tool's own cookie) as the consent specs use them.

/** One consent tool: its `data-consent`, its script, and the visitor's choices through its own API. */
export interface Tool {
  consent: string;
  script: string;
  /** True once the tool's script loaded (each loads a moment after the page, as the real ones do). */
  loaded: string;
  accept: string;
  refuse: string;
}
export const TOOLS: Record<string, Tool> = {
  didomi: {
    consent: 'didomi:c:iadvize-AbC12',
    script: 'didomi-stand-in',
    loaded: 'window.Didomi',
    accept: 'Didomi.setUserAgreeToAll()',
    refuse: 'Didomi.setUserDisagreeToAll()',
  },
  onetrust: {
    consent: 'onetrust:C0003',
    script: 'onetrust-stand-in',
    loaded: 'window.OneTrust',
    accept: 'OneTrust.AllowAll()',
    refuse: 'OneTrust.RejectAll()',
  },
  axeptio: {
    consent: 'axeptio:iadvize',
    script: 'axeptio-stand-in',
    loaded: 'window._axcb && !Array.isArray(window._axcb)',
    accept: 'axeptioStandIn.choose({ iadvize: true, google_analytics: false })',
    refuse: 'axeptioStandIn.choose({ iadvize: false, google_analytics: true })',
  },
  cookiebot: {
    consent: 'cookiebot:preferences',
    script: 'cookiebot-stand-in',
    loaded: 'window.Cookiebot',
    accept: 'Cookiebot.submitCustomConsent(true, false, false)',
    refuse: 'Cookiebot.withdraw()',
  },
};

export type Mode = 'gate' | 'coordinated';
/** The tool's script: just after the bridge's, as sites have it; added later by `arrive`; or never. */
export type Comes = 'with-page' | 'late' | 'never';

/** The site's own scripts: before the bridge's, and after it (after the tool's, when it comes with the page). */
type Site = Pick<PageParts, 'before' | 'after'>;

/** A shop page: the bridge's full script tag following `tool` in `mode`, the stand-in tag, the site's code. */
function toolParts(tool: Tool, mode: Mode, comes: Comes = 'with-page', { before = [], after = [] }: Site = {}): PageParts {
  return {
    before,
    bridge: {
      build: 'full',
      attributes: `data-sid="1234" data-consent="${tool.consent}" data-consent-mode="${mode}" data-tag-src="${STAND_IN_TAG}"`,
    },
    after: [...(comes === 'with-page' ? [tool.script] : []), ...after],
    tag: false,
  };
}

interface Context {
  browser: Browser;
  server: Served;
}
export function toolPage(ctx: Context, tool: Tool, mode: Mode, comes: Comes = 'with-page', site: Site = {}) {
  return openPage(ctx.browser, ctx.server, toolParts(tool, mode, comes, site));
}

/** The visitor's next page view in the same tab: the tool's cookie, with the choice made before, is kept. */
export function nextPage(ctx: Context, page: Page, tool: Tool, mode: Mode, comes: Comes = 'with-page') {
  return visit(page, ctx.server, toolParts(tool, mode, comes), { path: '/e2e/next-page.html' });
}

/** The visitor's choice through the tool's own API, once the tool loaded. */
export async function choose(page: Page, tool: Tool, choice: 'accept' | 'refuse') {
  await page.waitForFunction(tool.loaded);
  await page.evaluate(tool[choice]);
  await page.waitForTimeout(100);
}

/** The tool's script, loaded now (a tool that comes late), as its own async snippet would. */
export async function arrive(page: Page, tool: Tool) {
  await page.addScriptTag({ url: `/e2e/fixtures/${tool.script}.js` });
  await page.waitForFunction(tool.loaded);
  await page.waitForTimeout(100);
}

export const NO = ['visitor:cookiesConsent', false];
export const YES = ['visitor:cookiesConsent', true];
