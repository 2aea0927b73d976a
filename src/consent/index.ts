export { isConsentSource, type ConsentSource, type ConsentState } from './source.js';
export { tcf, type TcfOptions } from './tcf.js';
export { googleConsentMode, type GoogleConsentModeOptions } from './google-consent-mode.js';
export { didomi, type DidomiOptions } from './didomi.js';
export { oneTrust, type OneTrustOptions } from './one-trust.js';
export { axeptio, type AxeptioOptions } from './axeptio.js';
export { cookiebot, type CookiebotOptions } from './cookiebot.js';
export { tarteaucitron, type TarteaucitronOptions } from './tarteaucitron.js';
