import { adobeDataLayer } from './adapters/adobe-data-layer.js';
import { amplitude } from './adapters/amplitude.js';
import { gaLegacy } from './adapters/ga-legacy.js';
import { ga4 } from './adapters/ga4.js';
import { gtm } from './adapters/gtm.js';
import { matomo } from './adapters/matomo.js';
import { mixpanel } from './adapters/mixpanel.js';
import { plausible } from './adapters/plausible.js';
import { posthog } from './adapters/posthog.js';
import { segment } from './adapters/segment.js';
import { universalAnalytics } from './adapters/universal-analytics.js';
import type { Adapter } from './adapter-set.js';
import { install as installOnWindow, type Bridge, type InstallOptions } from './install.js';

/**
 * Script-tag entry: installs itself as soon as it loads, because the callbacks object must
 * exist before the iAdvize tag runs. Configured by attributes of its own script tag:
 * `data-debug`, `data-analytics="ga4 gtm"` and `data-include-ids`.
 */
const BY_NAME = { ga4, gtm, universalAnalytics, gaLegacy, matomo, segment, adobeDataLayer, mixpanel, amplitude, posthog, plausible };

const script = typeof document === 'undefined' ? null : document.currentScript;
const attribute = (name: string): string | null => (script ? script.getAttribute(name) : null);
const flag = (name: string): boolean => attribute(name) !== null && attribute(name) !== 'false';

function adaptersFromScriptTag(): Adapter[] {
  const adapters: Adapter[] = [];
  for (const name of (attribute('data-analytics') ?? '').split(/[\s,]+/).filter(Boolean)) {
    const factory = BY_NAME[name as keyof typeof BY_NAME];
    // A typo in an attribute must not stop the chat integration: say it, install the rest.
    if (factory) adapters.push(factory({ includeIds: flag('data-include-ids') }));
    else console.error(`[iadvize-bridge] data-analytics: unknown adapter "${name}" (known: ${Object.keys(BY_NAME).join(' ')})`);
  }
  return adapters;
}

export const bridge: Bridge = installOnWindow({ debug: flag('data-debug'), adapters: adaptersFromScriptTag() });

/** Returns the bridge this script installed, adding the given adapters and options to it. */
export function install(options?: InstallOptions): Bridge {
  return installOnWindow(options);
}

export { custom } from './adapters/custom.js';
export { CALLBACKS, EVENT_TYPES } from './events.js';
export { adobeDataLayer, amplitude, gaLegacy, ga4, gtm, matomo, mixpanel, plausible, posthog, segment, universalAnalytics };
