import * as TOOLS from './adapters/tools-by-name.js';
import { boxedTag } from './plugins/boxed-tag/boxed-tag.js';
import { chatLink } from './plugins/chat-link/chat-link.js';
import { iadvizeTag } from './plugins/iadvize-tag/iadvize-tag.js';
import { virtualAgent } from './plugins/virtual-agent/virtual-agent.js';
import { webSdk } from './plugins/web-sdk/web-sdk.js';
import { startFromScriptTag } from './script-tag.js';
import { TOOL_CONSENT } from './consent/attribute.js';

/**
 * The full script-tag build: every adapter for `data-analytics`, and the Web SDK (`bridge.sdk`)
 * and virtual-agent (`bridge.virtualAgent`) plugins installed. It offers every plugin factory of
 * the npm package too: `chatLink` and `iadvizeTag` take options only the site can give, so they are
 * added with `IAdvizeBridge.install({ plugins: [IAdvizeBridge.chatLink({ ... })] })`.
 */
export const { bridge, install } = startFromScriptTag({ ...TOOLS }, [webSdk(), virtualAgent()], TOOL_CONSENT, boxedTag);
export * from './adapters/tools-by-name.js';
export { boxedTag, chatLink, iadvizeTag, virtualAgent, webSdk };
export { custom } from './adapters/custom.js';
// The consent sources, for an adapter's `consent`: `IAdvizeBridge.ga4({ consent: IAdvizeBridge.tcf() })`.
export { axeptio, cookiebot, didomi, googleConsentMode, oneTrust, tcf } from './consent/index.js';
export { CALLBACKS } from './core/events.js';
export { EVENT_TYPES } from './events.js';
