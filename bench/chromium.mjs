// Chromium benchmark, run by `npm run bench` (after the build): the event path side by side with a
// hand-written integration that gives the same guarantees and with a bare one-line callback; the
// script tag's install time and first event; the heap the bridge keeps after install.
// Writes its own section of bench/results.md.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { startServer } from '../demo/server.mjs';
import { median, writeSection } from './results.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const CALLS = 20_000;
const LOADS = 15;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
// Cacheable like a CDN would serve it, so later loads show a returning visitor (V8's code cache).
const server = await startServer({
  port: 0,
  headers: () => ({ 'cache-control': 'public, max-age=3600' }),
  mounts: { 'bench/': fileURLToPath(new URL('.', import.meta.url)) },
});

// The bench pages are served as files, not by page.route: Playwright's routing turns the HTTP cache off.
const newPage = () => browser.newPage();

async function eventPath() {
  const page = await newPage();
  await page.goto(`${server.url}/bench/page.html`);
  await page.addScriptTag({ type: 'module', url: '/bench/event-path.js' });
  await page.waitForFunction(() => typeof window.runEventPath === 'function');
  const { samples, sent } = await page.evaluate(([rounds, calls]) => window.runEventPath(rounds, calls), [ROUNDS, CALLS]);
  await page.close();
  return { ns: Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)])), sent };
}

/** The script tag's first visit and returning visits: start -> installed, callback -> listener and gtag. */
async function scriptTag() {
  const page = await newPage();
  const samples = { installed: [], listener: [], ga4: [] };
  let cold;
  for (let i = 0; i <= LOADS; i++) {
    await page.goto(`${server.url}/bench/timing.html`);
    const t = await page.evaluate(() => window.timing);
    if (i === 0) cold = t.installed - t.start;
    else {
      samples.installed.push(t.installed - t.start);
      samples.listener.push(t.listener - t.fire);
      samples.ga4.push(t.ga4 - t.fire);
    }
  }
  await page.close();
  return { cold, ...Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)])) };
}

/**
 * JS heap kept after a script ran, after garbage collection: after minus before, for `src` (the
 * default script tag installed with ga4 and gtm), less the same for a one-line script, which
 * measures what adding any script costs the page.
 */
async function retainedHeap(src) {
  const retained = [];
  for (let i = 0; i < 5; i++) {
    const page = await newPage();
    await page.goto(`${server.url}/bench/page.html`);
    const cdp = await page.context().newCDPSession(page);
    const used = async () => {
      // Several collections: V8 frees compiled code that has not run for a while only after a few.
      for (let gc = 0; gc < 6; gc++) await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = await used();
    await page.evaluate(
      (src) =>
        new Promise((resolve) => {
          window.dataLayer = [];
          const script = document.createElement('script');
          script.src = src;
          script.setAttribute('data-analytics', 'ga4 gtm');
          script.onload = resolve;
          document.head.append(script);
        }),
      src,
    );
    retained.push((await used()) - before);
    await page.close();
  }
  return median(retained);
}

const version = browser.version();
const path = await eventPath();
const tagTimes = await scriptTag();
const heap = (await retainedHeap('/dist/iadvize-bridge.iife.min.js')) - (await retainedHeap('/bench/one-line.js'));
await browser.close();
await server.close();

const names = Object.keys(path.ns);
const [bare, reference, bridge, storedReference, storedBridge] = Object.values(path.ns);
const lines = [
  '## Browser: the event path, the script tag, the heap (Chromium)',
  '',
  `Date: ${new Date().toISOString()}. Command: \`npm run bench\`. Chromium ${version}, headless.`,
  '',
  `### Forwarding onChatStarted to GA4: ${ROUNDS} interleaved rounds of ${CALLS.toLocaleString('en')} calls, medians`,
  '',
  '| variant | ns per callback | vs its reference | vs the bare callback |',
  '|---|---|---|---|',
  ...names.map(
    (name, i) =>
      `| ${name} | ${path.ns[name].toFixed(0)} | ${i === 0 ? '' : `${(path.ns[name] / (i < 3 ? reference : storedReference)).toFixed(2)}x`} | ${(path.ns[name] / bare).toFixed(1)}x |`,
  ),
  '',
  `The reference (bench/event-path.js, where a comment lists each guarantee it gives) is what the bridge must stay within 2x of: ${(bridge / reference).toFixed(2)}x in memory, ${(storedBridge / storedReference).toFixed(2)}x with the chat record written to sessionStorage on every chat event, which costs both about ${((storedReference - reference) / 1000).toFixed(1)} µs here.`,
  '',
  '### The default script tag (data-analytics="ga4"), median of page loads',
  '',
  '| from | to | ms |',
  '|---|---|---|',
  `| before its script tag, first visit (download, parse, compile, run) | installed | ${tagTimes.cold.toFixed(1)} |`,
  `| before its script tag, returning visit (cached script and code) | installed | ${tagTimes.installed.toFixed(1)} |`,
  `| a callback fired | the listener called | ${tagTimes.listener.toFixed(1)} |`,
  `| a callback fired | gtag called by ga4() | ${tagTimes.ga4.toFixed(1)} |`,
  '',
  'Chromium clamps performance.now() to 0.1 ms steps without cross-origin isolation: 0.0 means under 0.1 ms.',
  '',
  `### Heap kept after install: ${(heap / 1024).toFixed(1)} KiB`,
  '',
  'JS heap in use after garbage collection, after minus before the default script tag installed itself with ga4 and gtm, less the same for a',
  'one-line script (what any script costs the page); medians of 5 fresh pages each. It includes what V8 keeps of the code: the script source',
  '(for lazy compilation), bytecode of what ran, object shapes of the tables.',
];
console.log(lines.join('\n'));
writeSection('chromium', lines.join('\n'));
