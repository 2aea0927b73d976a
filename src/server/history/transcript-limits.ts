import type { Transcript, TranscriptEntry } from '../../shared/transcript.js';

export interface TranscriptLimits {
  maxEntries: number;
  maxTextLength: number;
  /** Applied to every text before it is cut, so a secret cannot survive in pieces. */
  redact: (text: string) => string;
}

/** Cuts to `max` UTF-16 units, never between the two halves of a surrogate pair, ending with an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * What may leave the server: the requested chat id, at most `maxEntries` entries (the latest: a bot
 * taking over needs the end of the conversation), each text redacted then cut to `maxTextLength`.
 * `truncated: true` says something was left out.
 */
export function limitTranscript(chatId: string, entries: TranscriptEntry[], limits: TranscriptLimits): Transcript {
  const kept = entries.length > limits.maxEntries ? entries.slice(entries.length - limits.maxEntries) : entries;
  let truncated = kept.length < entries.length;
  const limited = kept.map((entry) => {
    const redacted = limits.redact(entry.text);
    const safe = cut(redacted, limits.maxTextLength);
    if (safe !== redacted) truncated = true;
    return safe === entry.text ? entry : { ...entry, text: safe };
  });
  return truncated ? { chatId, entries: limited, truncated } : { chatId, entries: limited };
}
