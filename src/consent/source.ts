/** Where a visitor's consent stands for one use: given, refused, or not decided yet (no answer, or no consent tool loaded). */
export type ConsentState = 'granted' | 'denied' | 'undecided';

/**
 * One consent tool's answer for one use (the chat, analytics), followed live: `state` now, and
 * `subscribe` for each change; a withdrawal is a change like any other. A consent tool that never
 * loads leaves it `undecided`, never `granted`. A source reads the page only when asked (`state`,
 * `subscribe`), never when made, so the same options can be built in a server render.
 */
export interface ConsentSource {
  /** Tells a source from a function or a promise, whatever realm made it. */
  readonly consentSource: true;
  /** How messages name it: `tcf({ purposes: [1] })`. */
  readonly name: string;
  /** The decision on `win` now. */
  state(this: void, win: Window): ConsentState;
  /** Calls `listener` with each new decision on `win` (not the current one); returns its unsubscribe. */
  subscribe(this: void, win: Window, listener: (state: ConsentState) => void): () => void;
}

/** Whether `value` is a consent source (rather than a function or a promise). */
export const isConsentSource = (value: unknown): value is ConsentSource =>
  typeof value === 'object' && value !== null && (value as { consentSource?: unknown }).consentSource === true;
