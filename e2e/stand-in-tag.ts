import type { Page } from 'playwright';

/** The stand-in iAdvize tag (e2e/fixtures/iadvize-stand-in.js): records its config and every Web SDK `set`. */
export const STAND_IN_TAG = '/e2e/fixtures/iadvize-stand-in.js';

/** What the page shows of the tag: its script elements, the loader's status, what the stand-in recorded. */
export const seenTag = (page: Page) =>
  page.evaluate(() => {
    const w = window as any;
    return {
      scripts: [...document.querySelectorAll('script')].filter((s) => s.src.includes('iadvize-stand-in')).length,
      status: w.IAdvizeBridge.bridge.tag.status as string,
      runs: (w.iAdvizeStandIn?.runs ?? 0) as number,
      config: w.iAdvizeStandIn?.config as unknown,
      sets: (w.iAdvizeStandIn?.sets ?? []) as unknown[],
    };
  });
