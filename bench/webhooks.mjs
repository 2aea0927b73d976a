// Webhook benchmark, run on demand: `npm run bench:webhooks` (after `npm run build`). The handler under
// test (dist/server/index.js behind toNodeListener) runs in a child process of its own, so its memory is its
// own; autocannon signs each request here with node:crypto, a new event id every time.
// Writes its own section of bench/results.md and leaves the rest alone.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { median, writeSection } from './results.mjs';
import { SENDERS, slowSenders } from './slow-senders.mjs';

const SECRET = 'bench-webhook-secret';
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = 2;
const MB = 1024 * 1024;
const SLOW_SECONDS = Number(process.env.BENCH_SLOW_SECONDS ?? 12);

/** The documented v2.conversation.closed example, sent now under `eventId`. */
function payload(eventId) {
  const now = new Date().toISOString();
  return JSON.stringify({
    eventId,
    eventType: 'v2.conversation.closed',
    platform: 'ha',
    projectId: 1,
    clientId: 1,
    conversationId: '4c8c7408-f73c-42cd-89e9-afbbee7d9024',
    operatorIds: [1, 2],
    visitorExternalId: '63429889',
    channel: 'CHAT',
    visitorId: 'b05f1b45-c891-4a9c-b47e-91ee6c8ffb44',
    createdAt: now,
    sentAt: now,
  });
}
const sign = (body, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** The child: `webhooks` (createWebhookHandler, default memory store) or `baseline` (toNodeListener, the body read, nothing checked). */
async function runChild(kind) {
  const { createWebhookHandler, toNodeListener } = await import('../dist/server/index.js');
  let events = 0;
  const handler =
    kind === 'webhooks'
      ? createWebhookHandler({ secret: SECRET, onEvent: () => void events++, log: () => undefined })
      : async (request) => (await request.arrayBuffer(), Response.json({ status: 'delivered' }));
  const server = createServer(toNodeListener(handler)).listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  let peak = 0;
  let sampler;
  process.on('message', (message) => {
    if (message === 'exit') process.exit(0);
    // The peak RSS from `sample` on, read every 20 ms, until `peak`.
    if (message === 'sample')
      return void ((peak = 0), (sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)));
    if (message === 'peak') return void (clearInterval(sampler), process.send({ peak }));
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send({ rss, heap: heapUsed, events });
  });
}

async function startChild(kind) {
  const child = fork(fileURLToPath(import.meta.url), ['child', kind], { execArgv: ['--expose-gc'] });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const ask = (message = 'gc') => new Promise((resolve) => (child.once('message', resolve), child.send(message)));
  return { url: `http://127.0.0.1:${port}/webhooks`, ask, sample: () => child.send('sample'), stop: () => child.send('exit') };
}

/** Load with a new signed event per request (`fresh`), the same one (`duplicate`), or a wrong signature (`forged`). */
function load(url, mode) {
  const fixed = payload(randomUUID());
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const body = mode === 'duplicate' ? fixed : payload(randomUUID());
          return {
            ...request,
            body,
            headers: { 'content-type': 'application/json', 'x-iadvize-signature': sign(body, mode === 'forged' ? 'guess' : SECRET) },
          };
        },
      },
    ],
  });
}

const mib = (bytes) => `${(bytes / MB).toFixed(1)} MiB`;

/** A handler process of its own, warmed up, then flooded by slow unsigned senders: its RSS before and at the peak. */
async function flood() {
  const webhooks = await startChild('webhooks');
  const signed = () => {
    const body = payload(randomUUID());
    return { body, headers: { 'content-type': 'application/json', 'x-iadvize-signature': sign(body) } };
  };
  for (let i = 0; i < 200; i++) await fetch(webhooks.url, { method: 'POST', ...signed() }).then((response) => response.text());
  const idle = await webhooks.ask();
  webhooks.sample();
  const result = await slowSenders(webhooks.url, SLOW_SECONDS, signed);
  const { peak } = await webhooks.ask('peak');
  webhooks.stop();
  return { ...result, idle: idle.rss, peak };
}

function row(name, results) {
  const rps = median(results.map((r) => r.requests.average));
  const p50 = median(results.map((r) => r.latency.p50));
  const p99 = median(results.map((r) => r.latency.p99));
  const statuses = [...new Set(results.flatMap((r) => Object.keys(r.statusCodeStats ?? {})))].join(', ');
  return { rps, line: `| ${name} | ${rps.toFixed(0)} | ${p50} | ${p99} | ${statuses} |` };
}

async function runBench() {
  const baseline = await startChild('baseline');
  const webhooks = await startChild('webhooks');
  for (let i = 0; i < 200; i++) {
    const body = payload(randomUUID());
    await fetch(webhooks.url, { method: 'POST', headers: { 'x-iadvize-signature': sign(body) }, body }).then((response) => response.text());
  }
  const before = await webhooks.ask();
  const runs = { baseline: [], fresh: [], duplicate: [], forged: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? ['fresh', 'baseline'] : ['baseline', 'fresh'];
    for (const name of order) runs[name].push(await load(name === 'baseline' ? baseline.url : webhooks.url, 'fresh'));
  }
  const afterFresh = await webhooks.ask();
  for (let round = 0; round < ROUNDS; round++) {
    runs.duplicate.push(await load(webhooks.url, 'duplicate'));
    runs.forged.push(await load(webhooks.url, 'forged'));
  }
  const after = await webhooks.ask();
  baseline.stop();
  webhooks.stop();
  report(runs, before, afterFresh, after, await flood());
}

function floodLines(slow) {
  const answers =
    Object.entries(slow.answers)
      .map(([status, count]) => `${status} x ${count.toLocaleString('en')}`)
      .join(', ') || 'none';
  return [
    '',
    `### ${SENDERS} slow unsigned senders for ${SLOW_SECONDS} s`,
    '',
    `Each on its own socket: headers with a wrong \`x-iadvize-signature\` and \`Content-Length: 1000000\`, then 32 KB every 200 ms, never the`,
    'whole body; a sender that is cut connects again. A signed delivery every 50 ms meanwhile, in a fresh handler process (default options).',
    '',
    `RSS: ${mib(slow.idle)} idle, ${mib(slow.peak)} at the peak: **+${mib(slow.peak - slow.idle)}**. Senders answered: ${answers}.`,
    `Signed deliveries: ${slow.delivered} of ${slow.deliveries} answered 200 (p50 ${slow.p50.toFixed(0)} ms, p99 ${slow.p99.toFixed(0)} ms).`,
  ];
}

function report(runs, before, afterFresh, after, slow) {
  const base = row('baseline: toNodeListener, body read, no check', runs.baseline);
  const fresh = row('createWebhookHandler, a new signed event each time', runs.fresh);
  const duplicate = row('createWebhookHandler, the same event again (duplicate)', runs.duplicate);
  const forged = row('createWebhookHandler, a wrong signature (401)', runs.forged);
  const lines = [
    '## Webhooks (server entry)',
    '',
    `Date: ${new Date().toISOString()}, Node ${process.version}. Command: \`npm run bench:webhooks\`. The handlers run in processes of their own;`,
    'autocannon signs every request here (HMAC-SHA256 with node:crypto, a new UUID per event): 2 cores in all, so the figures are a floor.',
    '',
    `### Load: ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s, medians (iAdvize's documented v2.conversation.closed, ${payload('x').length} bytes)`,
    '',
    '| target | requests/s | p50 ms | p99 ms | statuses |',
    '|---|---|---|---|---|',
    base.line,
    fresh.line,
    duplicate.line,
    forged.line,
    '',
    `Verified, parsed and remembered: ${(fresh.rps / base.rps).toFixed(2)}x the baseline's requests per second.`,
    `Memory of the webhook process after gc: heap ${mib(before.heap)} after 200 events, ${mib(afterFresh.heap)} after ${afterFresh.events.toLocaleString('en')} events`,
    `(the default memory store keeps 10,000 ids), ${mib(after.heap)} after the duplicate and forged rounds; RSS ${mib(before.rss)}, ${mib(afterFresh.rss)}, ${mib(after.rss)}.`,
    `onEvent ran ${after.events.toLocaleString('en')} times: once per new event, never for a duplicate or a forged one.`,
    ...floodLines(slow),
  ];
  console.log(lines.join('\n'));
  writeSection('webhooks', lines.join('\n'));
}

if (process.argv[2] === 'child') await runChild(process.argv[3]);
else await runBench();
