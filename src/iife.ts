import { ga4 } from './adapters/ga4.js';
import { gtm } from './adapters/gtm.js';
import { startFromScriptTag } from './script-tag.js';
import { BARE_CONSENT } from './consent/attribute.js';

/**
 * The default script-tag build: the core, configured by its own script tag's attributes
 * (`data-debug`, `data-analytics="ga4 gtm"`, `data-include-ids`), with the GA4 and GTM adapters.
 * It installs itself as it loads, because the callbacks object must exist before the iAdvize tag.
 */
export const { bridge, install } = startFromScriptTag({ ga4, gtm }, [], BARE_CONSENT);
export { ga4, gtm };
export { custom } from './adapters/custom.js';
