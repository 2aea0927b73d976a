import type { EventRows } from '../../core/plugin.js';

/** The events of `webSdk()`. */
export interface WebSdkEvents {
  /** The visitor's cookie or GDPR consent as the tag knows it (`null`: unknown). */
  'consent:changed': { kind: 'cookies' | 'gdpr'; value: boolean | null };
}

declare module '../../core/events.js' {
  interface PluginEvents extends WebSdkEvents {}
}

/** How analytics tools see them. */
export const WEB_SDK_EVENTS: EventRows<WebSdkEvents> = {
  'consent:changed': {
    name: 'chat_consent_changed',
    params: (e) => ({ consent_kind: e.kind, consent_value: e.value === null ? 'unknown' : e.value }),
  },
};
