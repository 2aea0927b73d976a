/** What `readCapped` got: every byte, or why it stopped. */
export type CappedRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'over-budget' | 'aborted' | 'failed' };

/**
 * Reads a web `ReadableStream` into one buffer, but never more than `maxBytes`: past the cap, or as
 * soon as `signal` aborts, the stream is cancelled (for a `fetch` body that closes the connection) and
 * the bytes read so far are dropped; so when `take(bytes)` (a shared budget, which may make the read
 * wait) refuses a chunk. Never throws.
 * @example
 * const read = await readCapped(response.body, { maxBytes: 2 * 1024 * 1024, signal })
 * if (!read.ok) return read.reason === 'too-large' ? tooLarge() : failed()
 */
export async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  { maxBytes, signal, take }: { maxBytes: number; signal?: AbortSignal; take?: (bytes: number) => boolean | Promise<boolean> },
): Promise<CappedRead> {
  if (!stream) return { ok: true, bytes: new Uint8Array(0) };
  const reader = stream.getReader();
  const cancel = () => void reader.cancel(signal?.reason).catch(() => undefined);
  if (signal?.aborted) {
    cancel();
    return { ok: false, reason: 'aborted' };
  }
  signal?.addEventListener('abort', cancel, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancel from `signal` ends a pending read as if the stream were done.
      if (signal?.aborted) return { ok: false, reason: 'aborted' };
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        cancel();
        return { ok: false, reason: 'too-large' };
      }
      if (take && !(await take(value.byteLength))) {
        cancel();
        return { ok: false, reason: 'over-budget' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: signal?.aborted ? 'aborted' : 'failed' };
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  return { ok: true, bytes: concat(chunks, size) };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
