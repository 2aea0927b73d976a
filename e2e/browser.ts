import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
// @ts-expect-error: plain ESM module without types
import { startServer } from '../demo/server.mjs';

/**
 * Debian's Chromium by default (Playwright cannot download its own browser here);
 * CHROMIUM_PATH overrides it, and an empty CHROMIUM_PATH uses Playwright's bundled browser.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath || undefined });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

export function serve(options: { headers?: (url: URL) => Record<string, string>; mounts?: Record<string, string> } = {}): Promise<Served> {
  return startServer({ port: 0, ...options });
}

/**
 * Opens a page that records console errors and uncaught exceptions (`problems`, which every test
 * expects to be empty) and every console line (`logs`, as `type: text`).
 */
export async function open(browser: Browser, url: string): Promise<{ page: Page; problems: string[]; logs: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const logs: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    logs.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(url);
  return { page, problems, logs };
}

/**
 * One Chromium and one server for a spec file, started before its tests and stopped after.
 * @example
 * const ctx = useBrowser()
 * it('...', async () => { const { page } = await open(ctx.browser, `${ctx.server.url}/demo/`) })
 */
export function useBrowser(options: Parameters<typeof serve>[0] = {}): { browser: Browser; server: Served } {
  const context = {} as { browser: Browser; server: Served };
  beforeAll(async () => {
    [context.browser, context.server] = await Promise.all([launch(), serve(options)]);
  });
  afterAll(async () => {
    await Promise.all([context.browser?.close(), context.server?.close()]);
  });
  return context;
}
