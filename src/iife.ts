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
import { install as installOnWindow, type Bridge, type InstallOptions } from './install.js';
import { optionsFromScript } from './script-options.js';

/**
 * Script-tag entry: installs itself as soon as it loads, because the callbacks object must
 * exist before the iAdvize tag runs. Configured by attributes of its own script tag:
 * `data-debug`, `data-analytics="ga4 gtm"` and `data-include-ids`.
 */
const BY_NAME = { ga4, gtm, universalAnalytics, gaLegacy, matomo, segment, adobeDataLayer, mixpanel, amplitude, posthog, plausible };

const script = typeof document === 'undefined' ? null : document.currentScript;
const attribute = (name: string): string | null => (script ? script.getAttribute(name) : null);

export const bridge: Bridge = installOnWindow(optionsFromScript(attribute, BY_NAME));

/** Returns the bridge this script installed, adding the given adapters and options to it. */
export function install(options?: InstallOptions): Bridge {
  return installOnWindow(options);
}

export { custom } from './adapters/custom.js';
export { CALLBACKS, EVENT_TYPES } from './events.js';
export { adobeDataLayer, amplitude, gaLegacy, ga4, gtm, matomo, mixpanel, plausible, posthog, segment, universalAnalytics };
