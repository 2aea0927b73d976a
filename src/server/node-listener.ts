/** The parts of Node's `IncomingMessage` and `ServerResponse` this adapter uses (no @types/node needed). */
interface NodeRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/**
 * Adapts a web-standard handler to `http.createServer`. Request bodies are not read: the history
 * handler only answers GET.
 * @example
 * http.createServer(toNodeListener(createHistoryHandler({ ... }))).listen(8787, '127.0.0.1')
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>) {
  return async (req: NodeRequest, res: NodeResponse): Promise<void> => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const host = headers.get('host') ?? 'localhost';
    let response: Response;
    try {
      response = await handler(new Request(new URL(req.url ?? '/', `http://${host}`), { method: req.method, headers }));
    } catch {
      response = new Response(JSON.stringify({ error: 'internal_error', message: 'The history handler failed' }), { status: 500 });
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(await response.text());
  };
}
