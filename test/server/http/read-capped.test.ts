// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readCapped } from '../../../src/server/http/read-capped.js';

/** A stream of `count` chunks of `size` bytes that says when it was cancelled; `fail` errors it midway. */
function source(count: number, size: number, { fail = false, hang = false } = {}) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (hang && state.pulled === 1) return new Promise(() => undefined);
      if (fail && state.pulled === 1) throw new Error('connection reset');
      if (state.pulled++ === count) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(state.pulled));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('readCapped', () => {
  it('returns every byte, in order, up to the cap included', async () => {
    const read = await readCapped(source(4, 10).stream, { maxBytes: 40 });
    expect(read.ok && [...read.bytes]).toEqual([...Array(10).fill(1), ...Array(10).fill(2), ...Array(10).fill(3), ...Array(10).fill(4)]);
  });

  it('no body is an empty one', async () => {
    expect(await readCapped(null, { maxBytes: 1 })).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });

  it('stops at the first byte over the cap and cancels the source', async () => {
    const { stream, state } = source(1000, 1024);
    expect(await readCapped(stream, { maxBytes: 4096 })).toEqual({ ok: false, reason: 'too-large' });
    expect(state).toEqual({ pulled: 5, cancelled: true }); // the fifth chunk went over: nothing more is pulled
  });

  it('a chunk the shared budget refuses stops the read and cancels the source', async () => {
    const { stream, state } = source(1000, 1024);
    const taken: number[] = [];
    const take = (bytes: number) => taken.length < 3 && (taken.push(bytes), true);
    expect(await readCapped(stream, { maxBytes: 1024 * 1024, take })).toEqual({ ok: false, reason: 'over-budget' });
    expect([taken, state.cancelled]).toEqual([[1024, 1024, 1024], true]);
    expect(state.pulled).toBeLessThanOrEqual(5); // the refused chunk, and at most one the stream pulled ahead
  });

  it('an abort, before or while reading, cancels the source', async () => {
    const before = source(3, 1);
    expect(await readCapped(before.stream, { maxBytes: 10, signal: AbortSignal.abort() })).toEqual({ ok: false, reason: 'aborted' });
    expect(before.state.cancelled).toBe(true);
    const during = source(3, 1, { hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await readCapped(during.stream, { maxBytes: 10, signal: controller.signal })).toEqual({ ok: false, reason: 'aborted' });
    expect(during.state.cancelled).toBe(true);
  });

  it('a source that fails is a failure, not a throw', async () => {
    expect(await readCapped(source(3, 1, { fail: true }).stream, { maxBytes: 10 })).toEqual({ ok: false, reason: 'failed' });
  });
});
