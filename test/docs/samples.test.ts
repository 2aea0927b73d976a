// @vitest-environment node
import { Window } from 'happy-dom';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTagSimulator } from '../../src/testing/index.js';
import { bundleSample, docSample } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'doc-samples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the history guide's Next.js route (docs/server/history.md)", () => {
  type Route = { GET(request: Request): Promise<Response> };
  const request = () => new Request('https://shop.example/api/iadvize-history?chatId=8000001&visitorId=vuid-1');

  it('loads without the secret (as `next build` does), answers 503 until it is set, then serves requests', async () => {
    const code = await bundleSample(docSample('app/api/iadvize-history/route.ts'), 'esm', {
      // Auth.js as the sample uses it; nobody is logged in.
      '@/auth': 'export const auth = async () => null',
    });
    const file = join(dir, 'route.mjs');
    writeFileSync(file, `globalThis.isChatOf = async () => false;\n${code}`);
    const key = process.env.IADVIZE_API_KEY;
    delete process.env.IADVIZE_API_KEY;
    try {
      const route = (await import(pathToFileURL(file).href)) as Route;
      const missing = await route.GET(request());
      expect(missing.status).toBe(503);
      expect(await missing.json()).toMatchObject({ error: 'not_configured' });
      expect(missing.headers.get('cache-control')).toBe('no-store');

      // Set later (a platform's secrets at run time): the same module now reaches the handler, whose
      // `authorize` refuses a visitor without a session before iAdvize is called.
      process.env.IADVIZE_API_KEY = 'test-key-not-a-secret';
      const refused = await route.GET(request());
      expect(refused.status).toBe(403);
    } finally {
      if (key === undefined) delete process.env.IADVIZE_API_KEY;
      else process.env.IADVIZE_API_KEY = key;
    }
  });
});

describe("the history guide's Express sample", () => {
  it('mounts the history handler for every method: it answers preflights and 405 itself, which .get() would bypass', () => {
    const code = docSample('// Express');
    const mounts = [...code.matchAll(/\.(\w+)\('\/[^']*', toNodeListener\(/g)].map(([, method]) => method);
    expect(mounts.length).toBeGreaterThan(0);
    expect(mounts).toEqual(mounts.map(() => 'all'));
  });
});

describe("the README's npm start", () => {
  it('records an order when one is paid, not when the page loads', async () => {
    const window = new Window({ url: 'https://shop.example/product' });
    const tag = createTagSimulator({ window: window as unknown as globalThis.Window, speed: 0 });
    tag.load(); // the tag on the page already: the sample's loader adds no script
    const paid: Array<(order: { id: string; total: number }) => void> = [];
    Object.assign(window, { checkout: { onPaid: (listener: (typeof paid)[number]) => paid.push(listener) } });
    window.eval(await bundleSample(docSample("import { ga4, iadvizeTag, install, webSdk } from 'iadvize-bridge'"), 'iife'));
    expect(tag.seen.transactions).toEqual([]);
    expect(paid).toHaveLength(1);
    paid[0]({ id: 'order-1042', total: 129 });
    expect(tag.seen.transactions).toEqual([{ id: 'order-1042', amount: 129 }]);
    await window.happyDOM.close();
  });
});
