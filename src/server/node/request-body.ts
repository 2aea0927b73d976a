/** A Node `IncomingMessage` as a source of body chunks (Buffers are Uint8Arrays). */
export interface NodeBody {
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array>;
}

/**
 * The request body as a web stream, pulled only when the handler reads it. `unfinished()` says
 * whether it was left before its end (never read, cancelled, or failed): the connection must then
 * close after the answer. Node does not drain a body nobody read: it would stop reading the socket
 * and hold the connection open until its request timeout, with the client still sending.
 */
export function requestBody(req: NodeBody): { stream: ReadableStream<Uint8Array>; unfinished: () => boolean } {
  let chunks: AsyncIterator<Uint8Array> | undefined;
  let finished = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= req[Symbol.asyncIterator]();
        const next = await chunks.next();
        if (next.done) {
          finished = true;
          controller.close();
        } else controller.enqueue(next.value);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, unfinished: () => !finished };
}
