import { log } from '../core/guard.js';
import { originOption } from '../shared/boxed-channel.js';
import { startRelay, type Relay } from './relay.js';

/**
 * The relay's script-tag build, for the iframe page of a boxed tag, before the tag:
 * `<script src="iadvize-bridge.boxed.iife.min.js" data-host-origin="https://www.shop.example"></script>`,
 * with `data-consent-mode="coordinated"` when the host tells the tag the visitor's consent, and `data-debug`.
 * A missing or wrong attribute is said on the console, naming it, and nothing is relayed.
 */
function start(): Relay | undefined {
  const script = document.currentScript;
  const attribute = (name: string): string | undefined => script?.getAttribute(name) ?? undefined;
  const mode = attribute('data-consent-mode')?.trim().toLowerCase();
  const debug = attribute('data-debug');
  try {
    const hostOrigin = originOption('script tag', 'data-host-origin', attribute('data-host-origin') ?? '');
    if (mode !== undefined && mode !== 'gate' && mode !== 'coordinated')
      return void log('error', `data-consent-mode="${mode.slice(0, 40)}" is not gate or coordinated: nothing is relayed`);
    return startRelay(window, hostOrigin, mode === 'coordinated', debug !== undefined && debug !== 'false');
  } catch (error) {
    // The site's mistake, said on the iframe page's console; the page goes on.
    log('error', `${(error as Error).message}: nothing is relayed`);
    return undefined;
  }
}

export const relay = start();
