import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, expect } from 'vitest';
import { useBrowser } from '../browser.js';
import { openPage } from '../page.js';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Chromium and the test server for a spec, with the framework apps in `entries` (files of this
 * folder) bundled by esbuild the way an app's bundler would, from the built package, in development
 * mode (React's StrictMode runs effects twice only there), into a temp folder served at `/apps/`.
 */
export function useApps(entries: string[]) {
  const folder = mkdtempSync(join(tmpdir(), 'iadvize-bridge-apps-'));
  const ctx = useBrowser({ mounts: { 'apps/': folder } });
  beforeAll(async () => {
    await build({
      entryPoints: entries.map((entry) => join(root, 'e2e/apps', entry)),
      outdir: folder,
      bundle: true,
      format: 'iife',
      jsx: 'automatic',
      define: {
        'process.env.NODE_ENV': '"development"',
        __VUE_OPTIONS_API__: 'false',
        __VUE_PROD_DEVTOOLS__: 'false',
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true',
      },
      absWorkingDir: root,
      // The root tsconfig maps no paths, so `iadvize-bridge` is the built package (e2e/tsconfig.json maps it to src/ for the type checks).
      tsconfig: join(root, 'tsconfig.json'),
      logLevel: 'silent',
    });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** Opens a page with `html` (server-rendered markup or nothing) in `#root`, then the app's script. */
  const openApp = (app: string, { html = '', query = '' } = {}) =>
    openPage(
      ctx.browser,
      ctx.server,
      { bridge: false, tag: false, body: `<div id="root">${html}</div><script src="/apps/${app}.js"></script>` },
      { path: `/e2e/app.html${query}` },
    );
  return { ctx, openApp };
}

/** What the app counted, and the status it shows. */
export const read = (page: Page) =>
  page.evaluate(() => ({
    ...(window as unknown as { counts: object }).counts,
    status: document.getElementById('status')?.textContent,
    tagScripts: document.querySelectorAll('script[src*="iadvize-simulator"]').length,
  })) as Promise<{ mounts: number; updates: number; heard: string[]; forwarded: string[]; status: string; tagScripts: number }>;

export const tagLoaded = (page: Page) => page.waitForFunction(() => (window as any).iAdvizeSimulator?.loaded);

/** Starts a chat through the simulated tag, once it has loaded, and waits for the page to show it. */
export async function startChat(page: Page): Promise<void> {
  await tagLoaded(page);
  await page.evaluate(() => (window as any).iAdvizeSimulator.startChat());
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('chat '));
  // Time for anything a double subscription would still deliver or render.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
}

/** One chat start reaches everything once: one update of the UI, the listener, the adapter; the tag was added once. */
export async function expectOneChatStart(page: Page, { mounts }: { mounts: number }): Promise<void> {
  const before = await read(page);
  expect(before).toMatchObject({ mounts, status: 'no chat', heard: [], forwarded: [], tagScripts: 1 });
  await startChat(page);
  const after = await read(page);
  expect(after.updates - before.updates).toBe(1);
  expect(after).toMatchObject({
    status: 'chat 8000001',
    heard: ['8000001 after 0 re-renders'],
    forwarded: ['chat:started'],
    tagScripts: 1,
  });
}

/**
 * A hot reload (`window.remount()`: the app mounted again with its plugins made anew) doubles nothing
 * and forgets nothing: the tag reports availability when it changes, so a bridge made anew would not
 * know it any more.
 */
export async function expectHotReloadKeepsTheBridge(page: Page): Promise<void> {
  await tagLoaded(page);
  await page.evaluate(() => (window as any).iAdvizeSimulator.setAvailability({ chat: { offline: true, busy: false } }));
  await page.waitForFunction(() => document.getElementById('availability')?.textContent === 'offline');
  await page.evaluate(() => (window as any).remount());
  expect(await page.textContent('#availability')).toBe('offline');
  await startChat(page);
  expect(await read(page)).toMatchObject({ heard: ['8000001 after 0 re-renders'], forwarded: ['chat:started'], tagScripts: 1 });
}

/**
 * The server's markup (the empty state) hydrates without a mismatch, also after a reload when the
 * tab's storage already has a chat, which the bridge knows before the app hydrates.
 */
export async function expectHydrationMatches(page: Page, { mounts }: { mounts: number }): Promise<void> {
  await startChat(page);
  await page.reload();
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'chat 8000001');
  expect(await read(page)).toMatchObject({ mounts, heard: [], forwarded: [], tagScripts: 1 });
}
