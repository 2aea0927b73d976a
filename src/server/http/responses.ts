/** Every answer of the server entry: JSON, never cached (a transcript is personal, an error is momentary). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8' }), 'cache-control': 'no-store', ...headers },
  });
}

/** An error answer: `{ error: code, message }`. */
export function errorResponse(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return jsonResponse(status, { error: code, message }, headers);
}
