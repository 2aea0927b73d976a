/** An iAdvize chat id as both the browser and the history proxy accept it: digits only. */
export const CHAT_ID = /^\d{1,20}$/;

/**
 * An iAdvize visitor id (`vuid` in onChatStarted, `visitor_uid` in the REST API) as the history proxy
 * accepts it: iAdvize documents "a random string", seen as 45 hex digits or as a UUID. 1 to 128 of
 * `A-Z a-z 0-9 . _ -`; anything else is refused, never looked up.
 */
export const VISITOR_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** A conversation history, the same whichever iAdvize API it came from. */
export interface Transcript {
  chatId: string;
  entries: TranscriptEntry[];
  /** Set by the history proxy when it left entries out or shortened texts (its documented limits). */
  truncated?: boolean;
}

export interface TranscriptEntry {
  from: 'visitor' | 'operator' | 'system' | 'navigation' | 'rich-operator' | 'rich-visitor';
  text: string;
  /** Milliseconds since the epoch, when the history says when. */
  at?: number;
}
