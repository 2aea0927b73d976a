// Compiled with exactOptionalPropertyTypes (test/exact/tsconfig.json): an option that may be
// undefined is accepted where the run time accepts it, as a site passes its own maybe-values through.
import {
  amplitude,
  chatLink,
  custom,
  ga4,
  gtm,
  iadvizeTag,
  install,
  mixpanel,
  plausible,
  posthog,
  segment,
  webSdk,
  type AdapterOptions,
} from 'iadvize-bridge';
import { IAdvizeProvider } from 'iadvize-bridge/react';
import { createElement } from 'react';

declare const maybeDebug: boolean | undefined;
declare const maybeString: string | undefined;
declare const maybeEvents: AdapterOptions['events'];

ga4({
  includeIds: maybeDebug,
  chatUserProperty: maybeDebug,
  sendTo: maybeString,
  id: maybeString,
  events: maybeEvents,
  consent: undefined,
  params: undefined,
  name: undefined,
});
gtm({ dataLayerName: maybeString, includeIds: maybeDebug });
webSdk({ followNavigation: maybeDebug });
custom(() => {}, { includeIds: maybeDebug });
for (const factory of [mixpanel, segment, amplitude]) factory({ client: undefined });
posthog({ client: undefined });
plausible({ client: undefined });
chatLink({ endpoint: '/api/iadvize-link', measurementId: 'G-ABC123XYZ', consent: () => true });
const bridge = install({
  debug: maybeDebug,
  persist: maybeDebug,
  onError: undefined,
  plugins: undefined,
  adapters: undefined,
  window: undefined,
});
iadvizeTag({ sid: 1234, lang: maybeString, src: maybeString, nonce: maybeString, consent: undefined });
bridge.on('chat:started', () => {}, { replay: maybeDebug });
createElement(IAdvizeProvider, { options: undefined, children: undefined });
