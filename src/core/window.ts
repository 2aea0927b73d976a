type Command = (...args: unknown[]) => unknown;
type Track = (name: string, properties?: Record<string, unknown>) => unknown;

/**
 * The globals the library reads or writes, declared once: iAdvize's (`iAdvizeCallbacks`, the Web SDK
 * queue `iAdvizeInterface`, the tag's `iAdvize`) and the analytics tools' the adapters use. Every one
 * may be missing, half-loaded or something else entirely: they belong to the page.
 */
export interface IAdvizeWindow extends Window {
  iAdvizeCallbacks?: unknown;
  iAdvizeInterface?: unknown;
  iAdvize?: unknown;
  gtag?: Command;
  ga?: Command;
  _gaq?: unknown[];
  _paq?: unknown[];
  analytics?: { track?: Track };
  mixpanel?: { track?: Track };
  amplitude?: { track?: Track };
  posthog?: { capture?: Track };
  plausible?: (name: string, options?: { props?: Record<string, unknown> }) => unknown;
  adobeDataLayer?: unknown[];
  /** A data layer under the name GTM was installed with (`dataLayer` by default). */
  [name: string]: unknown;
}

/** The window as the library sees it (the one cast from `Window`). */
export const globalsOf = (win: Window): IAdvizeWindow => win as IAdvizeWindow;
