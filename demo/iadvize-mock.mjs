// A stand-in for iAdvize's REST API v2 (GET /api/2/conversation.json-unicode/:id?formatHistory=0), so the
// demo's history proxy works without an account. It checks the key like the real API and answers with the
// documented envelope; the visitor is the tag simulator's. iAdvize's servers see every message of a chat;
// the simulated tag has no server, so the demo page tells this stand-in what its widget showed (`record`).
export const DEMO_API_KEY = 'demo-key-not-secret';
// The vuid the tag simulator gives its visitor (src/testing/simulator.ts).
const SIMULATED_VISITOR = 'vuid-simulated-visitor';

/** What the stand-in keeps, in memory: the oldest conversation, and a conversation's oldest record, go first. */
export const MOCK_LIMITS = { conversations: 20, records: 50, textLength: 1000 };

/** The documented v2 record types for what the widget shows. */
const RECORD_TYPES = { operator: 1, visitor: 2, navigation: 5 };

// The history of any chat the stand-in was not told about: a sample in the documented shape.
const SAMPLE_HISTORY = [
  [5, '2016-02-16 11:24:21', 'http://127.0.0.1/demo/'],
  [2, '2016-02-16 11:24:23', 'Hello, do you ship to Spain?', 1455618263049],
  [3, '2016-02-16 11:24:31', 'The chat rule has been activated.'],
  [1, '2016-02-16 11:24:43', 'Yes, in 3 days. How can I help you?', 1455618283869],
  [1, '2016-02-16 11:25:45', 'Here is a free shipping offer', 1455618346030],
];

// iAdvize writes dates in Paris wall-clock time; sv-SE formats them as YYYY-MM-DD HH:MM:SS.
const parisClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Whether `text` may be recorded as coming `from` there: a known kind, 1 to 1000 characters, a page URL for a navigation. */
function recordable(from, text) {
  if (!Object.prototype.hasOwnProperty.call(RECORD_TYPES, from) || !text.trim() || text.length > MOCK_LIMITS.textLength) return false;
  if (from !== 'navigation') return true;
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * A stand-in iAdvize with its own conversations. `handle` answers `/mock-iadvize/...` requests (false for
 * any other path); `record` adds what a chat showed: `navigation` (the page's URL) starts the chat anew,
 * `visitor` and `operator` add a message to a started chat. It answers `recorded`, `unknown-chat` or `invalid`.
 */
export function createIadvizeMock() {
  const conversations = new Map();

  function record(chatId, from, text, now = Date.now()) {
    if (!recordable(from, text)) return 'invalid';
    if (from === 'navigation') {
      // A chat id met again is a new chat (the simulator counts from 8000001 on every page load).
      conversations.delete(chatId);
      conversations.set(chatId, []);
      if (conversations.size > MOCK_LIMITS.conversations) conversations.delete(conversations.keys().next().value);
    }
    const records = conversations.get(chatId);
    if (!records) return 'unknown-chat';
    records.push([RECORD_TYPES[from], parisClock.format(now), text, now]);
    if (records.length > MOCK_LIMITS.records) records.shift();
    return 'recorded';
  }

  function handle(request, response, url) {
    const match = /^\/mock-iadvize\/api\/2\/conversation\.json-unicode\/(\d{1,20})$/.exec(url.pathname);
    if (!match) return false;
    const send = (status, body) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.headers['x-api-key'] !== DEMO_API_KEY) send(403, { meta: { status: 'error', message: 'Invalid API key' } });
    else if (url.searchParams.get('formatHistory') !== '0')
      send(400, { meta: { status: 'error', message: 'This mock only answers formatHistory=0' } });
    else {
      // The documented form: a string of records, without the list's outer brackets.
      const history = JSON.stringify(conversations.get(match[1]) ?? SAMPLE_HISTORY).slice(1, -1);
      send(200, { meta: { status: 'success' }, data: { id: Number(match[1]), channel: 'chat', visitor_uid: SIMULATED_VISITOR, history } });
    }
    return true;
  }

  return { handle, record };
}
