import type { Page } from 'playwright';
import { expect } from 'vitest';

/** The widths the demo pages must work at: a small phone, a common phone, tablets, a desktop. */
export const WIDTHS = [360, 390, 768, 1024, 1280];

/** What the eye sees at the current scroll: horizontal overflow, panes wider than their box, the widget over a pane. */
function measure() {
  const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const widget = document.getElementById('widget')?.getBoundingClientRect();
  const panes = [...document.querySelectorAll('.inspector > div, pre')];
  const name = (pane: Element) => pane.id || pane.querySelector('h2')?.textContent || pane.tagName;
  return {
    overflowPx: Math.max(0, document.documentElement.scrollWidth - innerWidth),
    panesWiderThanTheirBox: panes
      .filter((pane) => pane.scrollWidth > pane.clientWidth || pane.getBoundingClientRect().right > innerWidth)
      .map(name),
    panesUnderTheWidget: widget ? panes.filter((pane) => overlaps(widget, pane.getBoundingClientRect())).map(name) : [],
  };
}

/**
 * Resizes the page to `width` and checks its layout at the top and at the bottom of the page: no
 * horizontal scrolling, every inspector pane and `pre` (the state pane) fits its box, the chat widget covers no pane.
 */
export async function expectLayoutAt(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  for (const scroll of ['top', 'bottom']) {
    await page.evaluate((to) => window.scrollTo(0, to === 'top' ? 0 : document.documentElement.scrollHeight), scroll);
    const seen = await page.evaluate(measure);
    expect({ width, scroll, ...seen }).toEqual({ width, scroll, overflowPx: 0, panesWiderThanTheirBox: [], panesUnderTheWidget: [] });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}
