// @vitest-environment node
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../../src/server/index.js';
import { DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { MB } from '../support/hostile-iadvize.js';
import { useWebhookRoute } from '../support/webhook-harness.js';

const { ctx, route, deliver } = useWebhookRoute();
const FAKE_SIGNATURE = `sha256=${'ab'.repeat(32)}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A sender on a real socket: headers with a well-formed but wrong signature and a Content-Length of
 * `announced`, then `sent` bytes of body and nothing more. Resolves with the status it was answered
 * (0: none by `giveUpMs`) and whether the server closed the connection.
 */
function slowSender(url: string, { announced = MB - 1024, sent = 900 * 1024, giveUpMs = 5_000 } = {}) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise<{ status: number; retryAfter?: string; closed: boolean }>((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const retryAfter = /\r\nretry-after: (\S+)/i.exec(answer)?.[1];
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), ...(retryAfter ? { retryAfter } : {}), closed });
    };
    const timer = setTimeout(() => done(false), giveUpMs);
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => done(true));
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${announced}\r\nx-iadvize-signature: ${FAKE_SIGNATURE}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(sent, 'a'));
  });
}

describe('before a signature is checked, all requests together hold a bounded number of bytes', () => {
  it('20 senders of 900 KB against a 4 MB budget: a signed delivery still passes; each sender is cut (503) or waits until bodyTimeoutMs (408)', async () => {
    const url = await route({ maxUnverifiedBytes: 4 * MB, bodyTimeoutMs: 1_000 });
    const senders = Array.from({ length: 20 }, () => slowSender(url, { giveUpMs: 3_000 }));
    await pause(300);
    const delivered = await deliver(url, fresh(DOCUMENTED_WEBHOOKS['v2.conversation.closed']));
    const answers = await Promise.all(senders);
    expect(delivered).toEqual({ status: 200, body: { status: 'delivered' } });
    const cut = answers.filter((answer) => answer.status === 503 && answer.retryAfter === '10' && answer.closed).length;
    const timedOut = answers.filter((answer) => answer.status === 408 && answer.closed).length;
    expect(cut + timedOut).toBe(20); // none left holding its bytes
    expect(ctx.events).toHaveLength(1);
  }, 10_000);

  it('a request cuts one holding more than twice what it needs: a 503 with Retry-After: 10, the connection closed', async () => {
    const url = await route({ maxUnverifiedBytes: MB });
    const post = async (bytes: number) => {
      const response = await fetch(url, { method: 'POST', headers: { 'x-iadvize-signature': FAKE_SIGNATURE }, body: 'x'.repeat(bytes) });
      return [response.status, ((await response.json()) as { error: string }).error];
    };
    const larger = slowSender(url, { sent: 900 * 1024, giveUpMs: 2_000 });
    await pause(200);
    // It announces 400 KB: the one holding 900 KB holds more than twice that, and is cut to make room.
    expect(await post(400 * 1024)).toEqual([401, 'unauthorized']);
    expect(await larger).toEqual({ status: 503, retryAfter: '10', closed: true });
  });

  it('a body that stops coming is a 408 after bodyTimeoutMs, and the connection is closed', async () => {
    const url = await route({ bodyTimeoutMs: 300 });
    const started = Date.now();
    expect(await slowSender(url, { announced: 1000, sent: 10, giveUpMs: 3_000 })).toEqual({ status: 408, closed: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a budget smaller than maxBodyBytes is refused at start-up', () => {
    const options = { secret: 'whsec-x', onEvent: () => undefined, maxBodyBytes: 2 * MB, maxUnverifiedBytes: MB };
    expect(() => createWebhookHandler(options)).toThrow(/`maxUnverifiedBytes` \(1048576\) must be at least `maxBodyBytes` \(2097152\)/);
  });
});
