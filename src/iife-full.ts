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
import { chatLink } from './plugins/chat-link/chat-link.js';
import { iadvizeTag } from './plugins/iadvize-tag/iadvize-tag.js';
import { virtualAgent } from './plugins/virtual-agent/virtual-agent.js';
import { webSdk } from './plugins/web-sdk/web-sdk.js';
import { startFromScriptTag } from './script-tag.js';

/**
 * The full script-tag build: every adapter for `data-analytics`, and the Web SDK (`bridge.sdk`)
 * and virtual-agent (`bridge.virtualAgent`) plugins installed. It offers every plugin factory of
 * the npm package too: `chatLink` and `iadvizeTag` take options only the site can give, so they are
 * added with `IAdvizeBridge.install({ plugins: [IAdvizeBridge.chatLink({ ... })] })`.
 */
const ADAPTERS = { ga4, gtm, universalAnalytics, gaLegacy, matomo, segment, adobeDataLayer, mixpanel, amplitude, posthog, plausible };
export const { bridge, install } = startFromScriptTag(ADAPTERS, [webSdk(), virtualAgent()]);
export { adobeDataLayer, amplitude, chatLink, gaLegacy, ga4, gtm, iadvizeTag, matomo, mixpanel, plausible, posthog, segment, universalAnalytics, virtualAgent, webSdk };
export { custom } from './adapters/custom.js';
export { CALLBACKS } from './core/events.js';
export { EVENT_TYPES } from './events.js';
