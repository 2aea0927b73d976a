import { text } from '../../shared/coerce.js';
import { originOf } from '../http/cors.js';
import type { Transcript } from '../../shared/transcript.js';
import { conversationRecord, recordEntries, sameChatId, type Json } from './parse.js';
import { limitTranscript, type TranscriptLimits } from './transcript-limits.js';
import type { UpstreamResult } from './upstream.js';

/** What the visitor gets: a transcript, or an error with what the site's log should say. */
export type HistoryOutcome = { status: 200; transcript: Transcript } | { status: number; error: string; message: string; log?: string };

export interface HistoryAsk {
  chatId: string;
  /** The visitor id the browser learned at chat start; when given, it must be the conversation's. */
  visitorId?: string;
  timeoutMs: number;
  limits: TranscriptLimits;
}

const failure = (status: number, error: string, message: string, log?: string): HistoryOutcome => ({ status, error, message, log });
const notFound = (chatId: string, log?: string) => failure(404, 'chat_not_found', `No history for chat ${chatId}`, log);
const invalid = (log: string) => failure(502, 'upstream_invalid', 'iAdvize answered without a readable conversation history', log);

const whereTo = (location: string | null, base: string) =>
  location === null ? 'nowhere' : (originOf(location, base) ?? 'an unreadable location');

function outcomeOfFailure(result: Exclude<UpstreamResult, { kind: 'answer' }>, ask: HistoryAsk, upstreamUrl: string): HistoryOutcome {
  switch (result.kind) {
    case 'client-gone':
      return failure(499, 'client_closed', 'The request went away before iAdvize answered');
    case 'timeout':
      return failure(504, 'upstream_timeout', 'iAdvize did not answer in time', `iAdvize did not answer within ${ask.timeoutMs} ms`);
    case 'too-large':
      return failure(
        502,
        'upstream_too_large',
        "iAdvize's answer is too large",
        "iAdvize's answer is larger than maxUpstreamBytes; the request was aborted",
      );
    case 'redirected':
      return failure(
        502,
        'upstream_redirected',
        'iAdvize answered with a redirect',
        `iAdvize answered ${result.status} to ${whereTo(result.location, upstreamUrl)}; not followed, the key would go with it`,
      );
    case 'broken':
      return failure(502, 'upstream_failed', "iAdvize's answer broke off", "iAdvize's answer broke off before its end");
    default:
      return failure(502, 'upstream_unreachable', 'iAdvize could not be reached', 'iAdvize could not be reached');
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The conversation asked for, checked; or why it cannot be returned. */
function checkedRecord(status: number, body: unknown, ask: HistoryAsk): { record: Json } | HistoryOutcome {
  const meta = body !== null && typeof body === 'object' ? (body as { meta?: { status?: unknown } }).meta : undefined;
  if (status === 404 || meta?.status === 'fail') return notFound(ask.chatId);
  if (status < 200 || status > 299 || meta?.status === 'error') {
    const hint = status === 401 || status === 403 ? ': check the API key' : '';
    return failure(502, 'upstream_failed', `iAdvize answered ${status}`, `iAdvize answered ${status}${hint}`);
  }
  if (body === undefined) return invalid('iAdvize answered something that is not JSON');
  const record = conversationRecord(body, ask.chatId);
  if (!record) return invalid("iAdvize's answer holds no conversation history");
  if (text(record.id) !== undefined && !sameChatId(text(record.id), ask.chatId))
    return invalid('iAdvize answered another conversation than the one asked for');
  if (ask.visitorId !== undefined && (text(record.visitor_uid) ?? text(record.vuid)) !== ask.visitorId) {
    return notFound(ask.chatId, 'the visitorId sent does not match the conversation (answered 404)');
  }
  return { record };
}

/** Turns iAdvize's answer into what the visitor may see. Nothing from iAdvize but entries reaches them. */
export function historyOutcome(result: UpstreamResult, ask: HistoryAsk, upstreamUrl: string): HistoryOutcome {
  if (result.kind !== 'answer') return outcomeOfFailure(result, ask, upstreamUrl);
  const checked = checkedRecord(result.status, parseJson(result.text), ask);
  if (!('record' in checked)) return checked;
  try {
    return { status: 200, transcript: limitTranscript(ask.chatId, recordEntries(checked.record), ask.limits) };
  } catch {
    return invalid('the history is formatted text, not records');
  }
}
