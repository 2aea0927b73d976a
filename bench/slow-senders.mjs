// Part of `npm run bench:webhooks`: 300 unsigned senders on real sockets, each sending headers with a
// well-formed but wrong signature and a Content-Length of about 1 MB, then dribbling the body and never
// finishing it; a sender that is cut connects again. Meanwhile a signed delivery goes every 50 ms.
import { connect } from 'node:net';
import { median } from './results.mjs';

export const SENDERS = 300;
const BODY = 1_000_000;
const CHUNK = 32 * 1024;
const EVERY_MS = 200;
const FAKE_SIGNATURE = `sha256=${'ab'.repeat(32)}`;

/** One sender, connecting again until `stopAt`; counts the statuses it is answered in `answers`. */
function sender(port, stopAt, answers, sockets) {
  if (Date.now() >= stopAt) return;
  const socket = connect(port, '127.0.0.1');
  sockets.add(socket);
  socket.write(
    `POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${BODY}\r\nx-iadvize-signature: ${FAKE_SIGNATURE}\r\n\r\n`,
  );
  const chunk = Buffer.alloc(CHUNK, 'a');
  let sent = 0;
  // Up to one chunk short of the body, then it holds: the body never ends.
  const timer = setInterval(() => sent + CHUNK < BODY && socket.writable && (socket.write(chunk), (sent += CHUNK)), EVERY_MS);
  socket.on('data', (data) => {
    const status = /^HTTP\/1\.1 (\d{3})/.exec(String(data))?.[1];
    if (status) answers[status] = (answers[status] ?? 0) + 1;
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    clearInterval(timer);
    sockets.delete(socket);
    sender(port, stopAt, answers, sockets);
  });
}

/**
 * The flood for `seconds` against `url`, with `signed()` giving a signed delivery (body and headers)
 * every 50 ms. Returns what the senders and the deliveries were answered.
 */
export async function slowSenders(url, seconds, signed) {
  const port = Number(new URL(url).port);
  const stopAt = Date.now() + seconds * 1000;
  const answers = {};
  const sockets = new Set();
  for (let i = 0; i < SENDERS; i++) sender(port, stopAt, answers, sockets);
  const deliveries = [];
  while (Date.now() < stopAt) {
    const { body, headers } = signed();
    const started = performance.now();
    const status = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) }).then(
      async (response) => (await response.text(), response.status),
      () => 0,
    );
    deliveries.push({ status, ms: performance.now() - started });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const socket of sockets) socket.destroy();
  const ms = deliveries.map((delivery) => delivery.ms).sort((a, b) => a - b);
  return {
    answers,
    delivered: deliveries.filter((delivery) => delivery.status === 200).length,
    deliveries: deliveries.length,
    p50: median(ms),
    p99: ms[Math.floor(ms.length * 0.99)] ?? 0,
  };
}
