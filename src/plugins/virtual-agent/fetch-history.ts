import { fail } from '../../core/errors.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import { CHAT_ID, VISITOR_ID, type Transcript } from '../../shared/transcript.js';
import { onPage, endpointProblem, notOnPage } from '../endpoint.js';

/** Why `fetchHistory` failed: the network, an HTTP status from the endpoint, or an answer that is not a transcript. */
export interface HistoryError extends Error {
  name: 'HistoryError';
  kind: 'network' | 'http' | 'invalid-response';
  /** The HTTP status, for `http`. */
  status?: number;
}

export interface FetchHistoryOptions {
  /** The site's history proxy (`createHistoryHandler` from `iadvize-bridge/server`), absolute or relative to the page. */
  endpoint: string;
  signal?: AbortSignal | undefined;
  /**
   * The visitor id the tag gave at chat start (`vuid`); the proxy answers only for a conversation of
   * that visitor. Default: the one the bridge learned for this chat, if any.
   */
  visitorId?: string | undefined;
}

function historyError(kind: HistoryError['kind'], message: string, status?: number): HistoryError {
  return Object.assign(new Error(`iadvize-bridge fetchHistory: ${message}`), { name: 'HistoryError' as const, kind, status });
}

/** True for the errors `fetchHistory` rejects with. */
export function isHistoryError(error: unknown): error is HistoryError {
  return error instanceof Error && error.name === 'HistoryError';
}

/** The transcript of `chatId` from the site's own history endpoint (never iAdvize directly: the API key stays on the server). */
export async function fetchHistory(
  win: Window,
  chatId: string,
  options: FetchHistoryOptions,
  knownVisitorId?: string,
): Promise<Transcript> {
  const { endpoint, signal, visitorId: given } = options ?? ({} as FetchHistoryOptions);
  if (typeof chatId !== 'string' || !CHAT_ID.test(chatId)) fail('fetchHistory()', 'chatId must be the digits of an iAdvize chat id');
  checkKnownOptions('fetchHistory()', options ?? {}, ['endpoint', 'signal', 'visitorId']);
  const problem = endpointProblem(endpoint);
  if (problem) fail('fetchHistory()', problem);
  if (given !== undefined && (typeof given !== 'string' || !VISITOR_ID.test(given)))
    fail('fetchHistory()', '`visitorId` must be 1 to 128 characters of A-Z a-z 0-9 . _ -');
  // A visitor id the tag gave that the proxy would refuse is left out rather than failing the call.
  const visitorId = given ?? (knownVisitorId !== undefined && VISITOR_ID.test(knownVisitorId) ? knownVisitorId : undefined);
  // The visitor's id and chat go only to the site's own origin, or over https:.
  const url = onPage(endpoint, win);
  if (!url) fail('fetchHistory()', notOnPage(endpoint));
  url.searchParams.set('chatId', chatId);
  if (visitorId) url.searchParams.set('visitorId', visitorId);
  let response: Response;
  try {
    response = await win.fetch(url.toString(), { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (cause) {
    throw historyError('network', `the history endpoint could not be reached (${(cause as Error)?.message ?? cause})`);
  }
  if (!response.ok) throw historyError('http', `the history endpoint answered ${response.status}`, response.status);
  const body = (await response.json().catch(() => undefined)) as Transcript | undefined;
  if (!body || typeof body.chatId !== 'string' || !Array.isArray(body.entries)) {
    throw historyError('invalid-response', 'the history endpoint did not answer with a transcript');
  }
  return body;
}
