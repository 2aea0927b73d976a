// Server benchmark, run on demand: `npm run bench:server` (after `npm run build`). The history proxy
// (dist/server/index.js behind toNodeListener) runs in a child process of its own, so its RSS is its own;
// a local stand-in of iAdvize and the load generator (autocannon) run here, on 127.0.0.1.
// Writes its own section of bench/results.md and leaves the rest alone.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { DEMO_API_KEY as API_KEY, createIadvizeMock } from '../demo/iadvize-mock.mjs';
import { median, writeSection } from './results.mjs';

const MB = 1024 * 1024;
const CONNECTIONS = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = 2;

/** The child: the proxy as a site runs it; samples its own RSS every 5 ms and answers the parent's questions. */
async function runProxy(iadvizeUrl, maxUpstreamBytes) {
  const { createHistoryHandler, toNodeListener } = await import('../dist/server/index.js');
  const handler = createHistoryHandler({
    apiKey: API_KEY,
    authorize: () => true,
    baseUrl: iadvizeUrl,
    timeoutMs: 60_000,
    maxUpstreamBytes,
    log: () => undefined,
  });
  const server = createServer(toNodeListener(handler)).listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  let peak = 0;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5).unref();
  process.on('message', (message) => {
    if (message === 'exit') process.exit(0);
    if (message === 'settled') globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send({ rss, heap: heapUsed, peak: Math.max(peak, rss) });
    if (message === 'settled') peak = rss;
  });
}

/** A proxy in a process of its own; `ask('settled')` collects garbage first and restarts the peak. */
async function startProxy(iadvizeUrl, maxUpstreamBytes = 2 * MB) {
  const child = fork(fileURLToPath(import.meta.url), ['proxy', `${iadvizeUrl}/mock-iadvize`, String(maxUpstreamBytes)], {
    execArgv: ['--expose-gc'],
  });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  return {
    url: (chatId) => `http://127.0.0.1:${port}/history?chatId=${chatId}`,
    ask: (message) => new Promise((resolve) => (child.once('message', resolve), child.send(message))),
    stop: () => child.send('exit'),
  };
}

/** 50 MB of valid JSON, written as fast as the proxy reads it; reports what it wrote before the proxy hung up. */
function hugeConversation(res, onClose) {
  const entry = JSON.stringify([2, '2016-02-16 11:24:23', 'x'.repeat(1000), 1455618264049]);
  let sent = 0;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"meta":{"status":"success"},"data":{"id":50,"history":[');
  const pump = () => {
    while (sent < 50 * MB) {
      if (!res.write(`${sent ? ',' : ''}${entry}`)) return void res.once('drain', pump);
      sent += entry.length + 1;
    }
    res.end(']}}');
  };
  res.on('close', () => onClose(sent));
  pump();
}

/** The demo's stand-in of iAdvize (the documented v2 route), plus chat 50: a 50 MB conversation. */
function standIn(written) {
  const mock = createIadvizeMock();
  return createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.endsWith('/conversation.json-unicode/50') && req.headers['x-api-key'] === API_KEY)
      return hugeConversation(res, (sent) => written.push(sent));
    if (!mock.handle(req, res, url)) res.writeHead(404).end();
  });
}

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
const load = (url, headers = {}) => autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });

async function loadRun(iadvizeUrl) {
  const proxy = await startProxy(iadvizeUrl);
  for (let i = 0; i < 200; i++) await fetch(proxy.url('666')).then((response) => response.text()); // warm-up
  const before = await proxy.ask('settled');
  const runs = { direct: [], proxy: [] };
  const direct = `${iadvizeUrl}/mock-iadvize/api/2/conversation.json-unicode/666?formatHistory=0`;
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? ['proxy', 'direct'] : ['direct', 'proxy']) {
      runs[name].push(await (name === 'proxy' ? load(proxy.url('666')) : load(direct, { 'x-api-key': API_KEY })));
    }
  }
  const after = await proxy.ask('rss');
  const settled = await proxy.ask('settled');
  proxy.stop();
  return {
    runs,
    before: before.rss,
    peak: after.peak,
    after: after.rss,
    settled: settled.rss,
    heapBefore: before.heap,
    heapAfter: settled.heap,
  };
}

/** 10 parallel requests for a 50 MB conversation through a fresh proxy with this cap. */
async function hugeRun(iadvizeUrl, written, maxUpstreamBytes) {
  const proxy = await startProxy(iadvizeUrl, maxUpstreamBytes);
  await fetch(proxy.url('666')).then((response) => response.text());
  const before = await proxy.ask('settled');
  written.length = 0;
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: 10 }, () =>
      fetch(proxy.url('50')).then(async (response) => `${response.status} ${(await response.json()).error ?? 'transcript'}`),
    ),
  );
  const ms = performance.now() - started;
  const after = await proxy.ask('rss');
  for (let wait = 0; written.length < 10 && wait < 50; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
  proxy.stop();
  return { maxUpstreamBytes, statuses, ms, before: before.rss, peak: after.peak, written: [...written] };
}

async function runBench() {
  const written = [];
  const iadvize = standIn(written);
  const iadvizeUrl = await listen(iadvize);
  const loadFigures = await loadRun(iadvizeUrl);
  const capped = await hugeRun(iadvizeUrl, written, 2 * MB);
  const uncapped = await hugeRun(iadvizeUrl, written, 64 * MB);
  iadvize.closeAllConnections();
  iadvize.close();
  report(loadFigures, [capped, uncapped]);
}

const mib = (bytes) => `${(bytes / MB).toFixed(1)} MiB`;

function loadRow(name, results) {
  const rps = median(results.map((r) => r.requests.average));
  const p50 = median(results.map((r) => r.latency.p50));
  const p99 = median(results.map((r) => r.latency.p99));
  const errors = results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
  return { rps, line: `| ${name} | ${rps.toFixed(0)} | ${p50} | ${p99} | ${errors} |` };
}

function hugeRow({ maxUpstreamBytes, statuses, ms, before, peak, written }) {
  const counts = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  const answers = Object.entries(counts)
    .map(([status, n]) => `${n}× ${status}`)
    .join(', ');
  const sent = written.length ? `${mib(Math.min(...written))} to ${mib(Math.max(...written))}` : 'n/a';
  return `| ${mib(maxUpstreamBytes)} | ${answers} | ${ms.toFixed(0)} | ${sent} | ${mib(before)} | ${mib(peak)} | **${mib(peak - before)}** |`;
}

function report(load, huge) {
  const direct = loadRow('stand-in of iAdvize, called directly', load.runs.direct);
  const proxy = loadRow('through the history proxy (toNodeListener + createHistoryHandler)', load.runs.proxy);
  const lines = [
    '## History proxy (server entry)',
    '',
    `Date: ${new Date().toISOString()}, Node ${process.version}. Command: \`npm run bench:server\`. Each proxy runs in a process of its own;`,
    'the stand-in of iAdvize (the demo mock, plus a 50 MB conversation) and autocannon share this one: 2 cores in all, so the figures are a floor.',
    '',
    `### Load: ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s, medians (the demo's conversation, 5 entries)`,
    '',
    '| target | requests/s | p50 ms | p99 ms | errors, timeouts, non-2xx |',
    '|---|---|---|---|---|',
    direct.line,
    proxy.line,
    '',
    `Through the proxy: ${(proxy.rps / direct.rps).toFixed(2)}x the direct requests per second (each request is two HTTP exchanges, one of them by fetch).`,
    `Proxy RSS: ${mib(load.before)} before the load (after gc), ${mib(load.peak)} at its peak, ${mib(load.after)} right after, ${mib(load.settled)} after gc.`,
    `Proxy heap in use after gc: ${mib(load.heapBefore)} before, ${mib(load.heapAfter)} after (RSS that stays up is memory the allocator keeps, not live objects).`,
    '',
    '### Memory: 10 parallel requests whose iAdvize answer is 50 MB of valid JSON',
    '',
    '| maxUpstreamBytes | answers | ms for all ten | bytes the stand-in wrote per request | RSS before | RSS peak | growth |',
    '|---|---|---|---|---|---|---|',
    ...huge.map(hugeRow),
    '',
    'The default cap (2 MB) is the goal: growth under 50 MB. The 64 MB row lifts the cap to show what it prevents.',
    'Bytes written include what sat in socket buffers when the proxy hung up.',
  ];
  console.log(lines.join('\n'));
  writeSection('server', lines.join('\n'));
}

if (process.argv[2] === 'proxy') await runProxy(process.argv[3], Number(process.argv[4]));
else await runBench();
