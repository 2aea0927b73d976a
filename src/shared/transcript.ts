/** An iAdvize chat id as both the browser and the history proxy accept it: digits only. */
export const CHAT_ID = /^\d{1,20}$/;

/** A conversation history, the same whichever iAdvize API it came from. */
export interface Transcript {
  chatId: string;
  entries: TranscriptEntry[];
}

export interface TranscriptEntry {
  from: 'visitor' | 'operator' | 'system' | 'navigation' | 'rich-operator' | 'rich-visitor';
  text: string;
  /** Milliseconds since the epoch, when the history says when. */
  at?: number;
}
