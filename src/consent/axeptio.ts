import { answer, follow, nameOption } from './follow.js';
import type { ConsentSource } from './source.js';

export interface AxeptioOptions {
  /** The Axeptio vendor name for iAdvize. */
  vendor: string;
}

type Sdk = { on(event: string, listener: (choices: unknown) => void, options?: { replay?: boolean }): void };

/**
 * The visitor's choice for one vendor from the Axeptio SDK, through its documented callback queue
 * `window._axcb` (https://developers.axeptio.eu/v/english/cookies/axeptio-javascript-sdk) and its
 * `cookies:complete` event, sent with the choices at load (for a returning visitor) and after each choice
 * (https://developers.axeptio.eu/v/english/cookies/axeptio-javascript-sdk/listen-to-sdk-events), with `replay` for
 * choices sent before the source listened.
 */
export function axeptio(options: AxeptioOptions): ConsentSource {
  const vendor = nameOption('axeptio()', options, 'vendor', 'iadvize');
  return follow('axeptio()', { vendor }, (win, update) => {
    const page = win as unknown as { _axcb?: unknown[] };
    const decide = (choices: unknown) =>
      typeof choices === 'object' && choices !== null ? answer((choices as Record<string, unknown>)[vendor] === true) : 'undecided';
    (page._axcb = page._axcb || []).push((sdk: Sdk) =>
      // `replay`: the choices already sent (a tool loaded before the bridge, a returning visitor) are heard too.
      update(() => void sdk.on('cookies:complete', (choices) => update(() => decide(choices)), { replay: true })),
    );
  });
}
