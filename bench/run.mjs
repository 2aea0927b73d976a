// Benchmarks, run on demand: `npm run bench`. Prints a table and writes bench/results.md.
// Variants are measured side by side, interleaved in one run, and reported as medians and ratios:
// these machines are noisy, so absolute figures matter less than the ratios.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { ga4, install } from '../dist/iadvize-bridge.js';
import { startServer } from '../demo/server.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const lines = [];
const out = (line = '') => {
  console.log(line);
  lines.push(line);
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const bareWindow = () => ({ location: { search: '' } });
const PAYLOAD = { id: 4242, startedBy: 'proactif', conversationId: 'c-1', vuid: 'v-1' };

/** ns per call of each variant: `rounds` interleaved rounds of `iterations` calls, order alternating. */
function compare(variants, iterations) {
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  const names = Object.keys(variants);
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const run = variants[name]();
      for (let i = 0; i < 1000; i++) run(); // warm-up
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) run();
      samples[name].push(Number(process.hrtime.bigint() - start) / iterations);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])]));
}

function table(title, results, baseline) {
  out(`### ${title}`);
  out();
  out('| variant | ns per call (median) | ratio |');
  out('|---|---|---|');
  for (const [name, ns] of Object.entries(results)) out(`| ${name} | ${ns.toFixed(0)} | ${(ns / results[baseline]).toFixed(2)}x |`);
  out();
}

// 1. Forwarding one callback to GA4: the library versus the fastest hand-written integration.
const forwarding = compare(
  {
    'hand-written iAdvizeCallbacks -> gtag': () => {
      const win = bareWindow();
      const sink = [];
      win.gtag = (...args) => sink.push(args);
      win.iAdvizeCallbacks = {
        onChatStarted(obj) {
          win.gtag('event', 'chat_started', { started_by: obj.startedBy === 'proactif' ? 'proactive' : obj.startedBy, chat_channel: 'chat' });
        },
      };
      return () => {
        win.iAdvizeCallbacks.onChatStarted(PAYLOAD);
        if (sink.length > 10_000) sink.length = 0;
      };
    },
    'iadvize-bridge install({ adapters: [ga4()] })': () => {
      const win = bareWindow();
      const sink = [];
      win.gtag = (...args) => sink.push(args);
      install({ window: win, adapters: [ga4()] });
      return () => {
        win.iAdvizeCallbacks.onChatStarted(PAYLOAD);
        if (sink.length > 10_000) sink.length = 0;
      };
    },
  },
  20_000,
);

// 2. Dispatch cost by number of listeners.
const dispatchVariant = (count, wildcard) => () => {
  const win = bareWindow();
  const bridge = install({ window: win });
  let heard = 0;
  for (let i = 0; i < count; i++) bridge.on(wildcard ? '*' : 'message:sent', () => heard++);
  const raw = { time: '10:00', msg: 'hello' };
  return () => win.iAdvizeCallbacks.onMessageSent(raw);
};
const dispatch = compare(
  {
    '1 listener': dispatchVariant(1, false),
    '10 listeners': dispatchVariant(10, false),
    '100 listeners': dispatchVariant(100, false),
    "1 '*' listener": dispatchVariant(1, true),
    "100 '*' listeners": dispatchVariant(100, true),
  },
  10_000,
);

// 3. Install cost (install + destroy on a fresh window).
const installCost = compare({ 'install() + destroy()': () => () => install({ window: bareWindow() }).destroy() }, 2_000);

// 4. Memory: 1,000,000 events while listeners subscribe and unsubscribe; then no timer left.
function memory() {
  const win = bareWindow();
  const sink = [];
  win.gtag = () => sink.length < 0 && sink.push(1);
  const adapter = ga4({ events: ['message:sent', 'chat:started'] });
  const bridge = install({ window: win, adapters: [adapter] });
  const heapBefore = () => (globalThis.gc(), globalThis.gc(), process.memoryUsage().heapUsed);
  const raw = { time: '10:00', msg: 'hello' };
  for (let i = 0; i < 10_000; i++) win.iAdvizeCallbacks.onMessageSent(raw); // reach steady state
  const before = heapBefore();
  const subscriptions = [];
  for (let i = 0; i < 1_000_000; i++) {
    if (i % 10 === 0) subscriptions.push(bridge.on(i % 20 ? 'message:sent' : '*', () => {}));
    if (subscriptions.length > 20) subscriptions.shift()();
    win.iAdvizeCallbacks.onMessageSent(raw);
  }
  subscriptions.forEach((stop) => stop());
  const after = heapBefore();
  const timers = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  return { growth: after - before, pending: adapter.stats.pending, sent: adapter.stats.sent, timers };
}
const heap = memory();

// 5. Real Chromium: IIFE start -> installed -> first event to a listener and to GA4.
async function browserTimings() {
  // Cacheable like a CDN would serve it, so later loads show a returning visitor (V8 code cache).
  const { url, close } = await startServer({ port: 0, headers: () => ({ 'cache-control': 'public, max-age=3600' }) });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage();
  const samples = { installed: [], listener: [], ga4: [] };
  let cold;
  for (let i = 0; i <= ROUNDS; i++) {
    await page.goto(`${url}/e2e/fixtures/timing.html`);
    const t = await page.evaluate(() => window.timing);
    if (i === 0) {
      cold = t.installed - t.start;
      continue;
    }
    samples.installed.push(t.installed - t.start);
    samples.listener.push(t.listener - t.fire);
    samples.ga4.push(t.ga4 - t.fire);
  }
  await browser.close();
  await close();
  return { cold, ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) };
}
const chromiumTimes = await browserTimings();

// 6. Bundle sizes.
const sizes = execFileSync(process.execPath, [`${root}test/size.mjs`], { encoding: 'utf8' });

out('# Benchmark results');
out();
out(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`);
out(`Date: ${new Date().toISOString()}. Command: \`npm run bench\` (${ROUNDS} interleaved rounds; medians).`);
out();
table('Forwarding one callback to GA4 (goal: <= 1.5x the hand-written integration)', forwarding, 'hand-written iAdvizeCallbacks -> gtag');
table('Dispatch cost by listeners (one message:sent callback)', dispatch, '1 listener');
table('Install cost', installCost, 'install() + destroy()');
out('### Memory');
out();
out(`Heap growth after 1,000,000 events with listeners subscribing and unsubscribing throughout: ${(heap.growth / 1024).toFixed(1)} KiB (goal: < 1 MiB).`);
out(`GA4 adapter afterwards: ${heap.sent} sent, ${heap.pending} pending; active timers: ${heap.timers} (goal: 0).`);
out();
out('### Real Chromium (median of page loads)');
out();
out('| from | to | ms |');
out('|---|---|---|');
out(`| before the IIFE's script tag, first visit (download, parse, compile, run) | installed | ${chromiumTimes.cold.toFixed(3)} |`);
out(`| before the IIFE's script tag, returning visit (cached script and code) | installed | ${chromiumTimes.installed.toFixed(3)} |`);
out(`| callback fired | listener called | ${chromiumTimes.listener.toFixed(3)} |`);
out(`| callback fired | gtag called by ga4() | ${chromiumTimes.ga4.toFixed(3)} |`);
out();
out('Chromium clamps performance.now() to 0.1 ms steps without cross-origin isolation: 0.000 means under 0.1 ms.');
out();
out('### Bundle sizes');
out();
out('```');
out(sizes.trim());
out('```');
writeFileSync(`${root}bench/results.md`, lines.join('\n') + '\n');
