/** A Node `IncomingMessage` as a source of body chunks (Buffers are Uint8Arrays). */
export interface NodeBody {
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
}

/**
 * The request body as a web stream, pulled only when the handler reads it: a body nobody reads is
 * left to Node, which discards it and keeps the connection. `unfinished()` says whether reading began
 * and stopped before the end (cancelled, or failed): the connection must then close after the answer.
 */
export function requestBody(req: NodeBody): { stream: ReadableStream<Uint8Array>; unfinished: () => boolean } {
  let chunks: AsyncIterator<Uint8Array> | undefined;
  let finished = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= req[Symbol.asyncIterator]();
        const { done, value } = await chunks.next();
        if (done) {
          finished = true;
          controller.close();
        } else controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, unfinished: () => chunks !== undefined && !finished };
}
