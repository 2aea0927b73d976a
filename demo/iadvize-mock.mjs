// A stand-in for iAdvize's REST API v2 (GET /api/2/conversation.json-unicode/:id?formatHistory=0), so the
// demo's history proxy works without an account. It checks the key like the real API and answers with the
// documented envelope; the visitor is the tag simulator's.
export const DEMO_API_KEY = 'demo-key-not-secret';
// The vuid the tag simulator gives its visitor (src/testing/simulator.ts).
const SIMULATED_VISITOR = 'vuid-simulated-visitor';

const HISTORY = [
  [5, '2016-02-16 11:24:21', 'http://127.0.0.1/demo/'],
  [2, '2016-02-16 11:24:23', 'Hello, do you ship to Spain?', 1455618263049],
  [3, '2016-02-16 11:24:31', 'The chat rule has been activated.'],
  [1, '2016-02-16 11:24:43', 'Yes, in 3 days. How can I help you?', 1455618283869],
  [1, '2016-02-16 11:25:45', 'Here is a free shipping offer', 1455618346030],
];

/** Handles `/mock-iadvize/...` requests; returns false for any other path. */
export function handleMockIadvize(request, response, url) {
  const match = /^\/mock-iadvize\/api\/2\/conversation\.json-unicode\/(\d+)$/.exec(url.pathname);
  if (!match) return false;
  const send = (status, body) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (request.headers['x-api-key'] !== DEMO_API_KEY) send(403, { meta: { status: 'error', message: 'Invalid API key' } });
  else if (url.searchParams.get('formatHistory') !== '0') send(400, { meta: { status: 'error', message: 'This mock only answers formatHistory=0' } });
  else send(200, { meta: { status: 'success' }, data: { id: Number(match[1]), channel: 'chat', visitor_uid: SIMULATED_VISITOR, history: JSON.stringify(HISTORY).slice(1, -1) } });
  return true;
}
