// Node benchmarks, run by `npm run bench`: dispatch by number of listeners, install cost, memory
// over a million events, and the bundle sizes. Writes its own section of bench/results.md.
// Variants are measured side by side, interleaved in one run, and reported as medians and ratios:
// these machines are noisy, so absolute figures matter less than the ratios.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { ga4, install } from '../dist/index.js';
import { median, writeSection } from './results.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const lines = [];
const out = (line = '') => {
  console.log(line);
  lines.push(line);
};
const bareWindow = () => ({ location: { search: '' } });

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

// 1. Dispatch cost by number of listeners.
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

// 2. Install cost (install + destroy on a fresh window).
const installCost = compare({ 'install() + destroy()': () => () => install({ window: bareWindow() }).destroy() }, 2_000);

// 3. Memory: 1,000,000 events while listeners subscribe and unsubscribe; then no timer left.
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

// 4. Bundle sizes.
const sizes = execFileSync(process.execPath, [`${root}test/size.mjs`], { encoding: 'utf8' });

out('## Node: dispatch, install, memory');
out();
out(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
);
out(
  `Date: ${new Date().toISOString()}. Command: \`npm run bench\` (${ROUNDS} interleaved rounds; medians). A bare window object, the chat record in memory.`,
);
out();
table('Dispatch cost by listeners (one message:sent callback, no plugin)', dispatch, '1 listener');
table('Install cost', installCost, 'install() + destroy()');
out('### Memory');
out();
out(
  `Heap growth after 1,000,000 events with listeners subscribing and unsubscribing throughout: ${(heap.growth / 1024).toFixed(1)} KiB (goal: < 1 MiB).`,
);
out(`GA4 adapter afterwards: ${heap.sent} sent, ${heap.pending} pending; active timers: ${heap.timers} (goal: 0).`);
out();
out('### Bundle sizes (test/size.mjs)');
out();
out('```');
out(sizes.trim());
out('```');
writeSection('node', lines.join('\n'));
