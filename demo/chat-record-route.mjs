// The demo-only route through which the demo page tells the stand-in iAdvize what its chat widget showed:
// POST /api/demo-chats/:chatId/messages with { "from": "navigation" | "visitor" | "operator", "text": "..." }.
// A web-standard handler (run through toNodeListener): whatever a page sends, it gets a clear 4xx, never a 500.

const ROUTE = /^\/api\/demo-chats\/([^/]*)\/messages$/;
// The simulated tag's chat ids, written one way only, so one chat is never kept under two keys.
const CHAT_ID = /^[1-9]\d{0,11}$/;
/** Room for the longest text the stand-in keeps, even written as \uXXXX escapes. */
export const MAX_BODY_BYTES = 8 * 1024;

/** The demo's own pages (`Sec-Fetch-Site: same-origin`) and scripts on this machine, never another site. */
export function fromDemoPage(headers) {
  const site = headers.get('sec-fetch-site');
  return site === null || site === 'same-origin';
}

const answer = (status, error, message, headers = {}) =>
  new Response(JSON.stringify({ error, message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

/** The message in a body, if it is a JSON object with a string `from` and `text`. */
function messageIn(body) {
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const isMessage = value !== null && typeof value === 'object' && typeof value.from === 'string' && typeof value.text === 'string';
  return isMessage ? { from: value.from, text: value.text } : undefined;
}

/** The route's handler, recording into `mock` (see `createIadvizeMock`). */
export function createChatRecordHandler(mock) {
  return async (request) => {
    const chatId = ROUTE.exec(new URL(request.url).pathname)?.[1];
    if (chatId === undefined) return answer(404, 'not_found', 'POST /api/demo-chats/:chatId/messages');
    if (request.method !== 'POST') return answer(405, 'method_not_allowed', 'Only POST', { allow: 'POST' });
    if (!fromDemoPage(request.headers)) return answer(403, 'forbidden', 'Only the demo pages may record messages');
    if (!CHAT_ID.test(chatId)) return answer(400, 'invalid_chat_id', 'chatId must be 1 to 12 digits, without a leading zero');
    if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? ''))
      return answer(415, 'json_only', 'Send application/json');
    // A declared length bounds what is read: the HTTP parser never hands over more than it says.
    const length = request.headers.get('content-length');
    if (length === null) return answer(411, 'length_required', 'Send a Content-Length');
    if (Number(length) > MAX_BODY_BYTES) return answer(413, 'too_large', `At most ${MAX_BODY_BYTES} bytes`);
    const message = messageIn(await request.text());
    if (!message) return answer(400, 'invalid_message', 'Send { "from": "navigation" | "visitor" | "operator", "text": "..." }');
    const outcome = mock.record(chatId, message.from, message.text);
    if (outcome === 'unknown-chat') return answer(404, 'unknown_chat', 'Start the chat first: a navigation record starts it');
    if (outcome === 'invalid')
      return answer(400, 'invalid_message', 'Unknown `from`, an empty or too long text, or a navigation that is not an http(s) URL');
    return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  };
}
