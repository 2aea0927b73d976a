/** The Web SDK's types: what the tag exposes, and `bridge.sdk` over it. */

/** What `bridge.sdk.get` can read, and the type of each value (consents: `null` while unknown). */
export interface SdkProperties {
  'tag:version': 'LIGHT' | 'FULL';
  'visitor:cookiesConsent': boolean | null;
  'visitor:GDPRConsent': boolean | null;
}
export type SdkProperty = keyof SdkProperties;

/** How the visitor is identified when iAdvize's authenticated mode is on. */
export type AuthenticationOption = { type: 'ANONYMOUS' } | { type: 'SECURED_AUTHENTICATION'; token: string };
/** What the tag answers `activate`: whether the identity was accepted, and why not. */
export interface Activation {
  authentication: { option: AuthenticationOption; status: 'authentication-success' | 'authentication-failure'; reason?: string };
}
/** Gives the tag an identity; the tag may call it again at any time (a token expired). */
export type AuthenticationProvider = () =>
  Promise<{ authenticationOption: AuthenticationOption }> | { authenticationOption: AuthenticationOption };

/** The part of the tag's Web SDK object that the bridge uses. */
export interface IAdvizeWebSdk {
  get(property: string): unknown;
  set(property: string, value: unknown): void;
  on(event: string, callback: (value: unknown) => void): void;
  off(event: string, callback: (value: unknown) => void): void;
  navigate(screen?: string): void;
  recordTransaction(transaction: { id: string; amount: number }): void;
  activate(provider: AuthenticationProvider): unknown;
  logout(): unknown;
  help(): unknown;
}

export interface Sdk {
  /** Restarts targeting on a new screen, as an SPA route change should. Default: the current path and query. */
  navigate(screen?: string): void;
  /** Records a conversion for attribution. `id` non-empty, `amount` a finite number >= 0. */
  recordTransaction(transaction: { id: string; amount: number }): void;
  /** Passes the consent tool's decision to the tag. */
  setConsent(consent: { cookies?: boolean; gdpr?: boolean }): void;
  /** Reads a property once the tag is loaded; rejects after `timeoutMs` (default 10 s) if it never answers. */
  get<P extends SdkProperty>(property: P, options?: { timeoutMs?: number }): Promise<SdkProperties[P]>;
  /**
   * Authenticated mode: gives the tag the visitor's identity (a token from your server, or anonymous).
   * Resolves with the tag's answer once it has loaded and tried.
   * @example
   * bridge.sdk.activate(async () => ({ authenticationOption: { type: 'SECURED_AUTHENTICATION', token: await myServer.iadvizeToken() } }))
   */
  activate(provider: AuthenticationProvider): Promise<Activation | undefined>;
  /** Authenticated mode: removes the visitor's identity, which stops the tag. */
  logout(): Promise<void>;
  /** Lists, on the console, the methods, properties and events the loaded tag knows. */
  help(): void;
  /** Calls `navigate` on every SPA route change; returns the stop function. */
  followNavigation(): () => void;
}

export interface WebSdkOptions {
  /** Calls `sdk.navigate` on every SPA route change (`history.pushState`, `replaceState`, back/forward). */
  followNavigation?: boolean | undefined;
}
