/**
 * The analytics tools the library ships an adapter for, each once: the npm entry exports them, the
 * full script-tag build offers them to `data-analytics`, the size budgets measure each, and the
 * script-tag builds keep their factories' names. Adding a tool is one line here.
 */
export { ga4, type Ga4Options } from './ga4.js';
export { gtm, type GtmOptions } from './gtm.js';
export { universalAnalytics } from './universal-analytics.js';
export { gaLegacy } from './ga-legacy.js';
export { matomo } from './matomo.js';
export { segment, type SegmentOptions } from './segment.js';
export { adobeDataLayer } from './adobe-data-layer.js';
export { mixpanel, type MixpanelOptions } from './mixpanel.js';
export { amplitude, type AmplitudeOptions } from './amplitude.js';
export { posthog, type PosthogOptions } from './posthog.js';
export { plausible, type PlausibleOptions } from './plausible.js';
