import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docFiles, read } from '../test/docs/files.mjs';
import { open, useBrowser } from './browser.js';

// The script tags of the README and the guides, pasted as they are, must not load the bridge without
// a check: a placeholder the browser cannot read as a hash makes it skip the check and run whatever it got.
const ctx = useBrowser();
const sri = JSON.parse(readFileSync(new URL('../dist/sri.json', import.meta.url), 'utf8')) as Record<string, string>;
const samples = docFiles().flatMap((doc) =>
  [...read(doc).matchAll(/<script src="[^"]*\/dist\/([\w.-]+\.js)"\s+integrity="([^"]*)"/g)].map(([, file, integrity]) => ({
    doc,
    file,
    integrity,
  })),
);

/** Whether the build ran in a page that loads it from this server with this integrity attribute. */
async function runs(file: string, integrity: string): Promise<boolean> {
  const url = `${ctx.server.url}/docs-sri.html`;
  const { page } = await open(ctx.browser, 'about:blank');
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<script src="/dist/${file}" integrity="${integrity}" crossorigin="anonymous"></script>`,
    }),
  );
  await page.goto(url);
  // The bridge's builds make IAdvizeBridge, the boxed tag's relay IAdvizeBridgeRelay.
  const ran = await page.evaluate(() => ['IAdvizeBridge', 'IAdvizeBridgeRelay'].some((name) => typeof (window as any)[name] === 'object'));
  await page.close();
  return ran;
}

describe("the docs' Subresource Integrity samples", () => {
  it('are in the README and the script-tag guide', () => {
    expect(samples.filter(({ doc }) => doc === 'README.md').length).toBeGreaterThanOrEqual(1);
    expect(samples.filter(({ doc }) => doc === 'docs/script-tag.md').length).toBeGreaterThanOrEqual(1);
  });

  it('write a hash by the SRI grammar (a browser skips the check for anything else), so every browser holds the file to it', () => {
    for (const { integrity } of samples) expect(integrity).toMatch(/^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$/);
  });

  it('load the build with its real hash (the check works on this server)', async () => {
    for (const { file } of samples) expect(await runs(file, sri[file])).toBe(true);
  });

  it('pasted with their placeholder, block the build instead of loading it unchecked', async () => {
    for (const { doc, file, integrity } of samples)
      expect({ doc, file, integrity, ran: await runs(file, integrity) }).toEqual({ doc, file, integrity, ran: false });
  });
});
