import { createAdapter, type AdapterOptions, type AnalyticsAdapter } from './adapter.js';
import { globals, withMethod, type Track } from './globals.js';

export interface PosthogOptions extends AdapterOptions {
  /** The `posthog-js` instance; default: the page's `window.posthog`. */
  client?: { capture: Track };
}

/** PostHog: `posthog.capture('chat_started', properties)`. */
export function posthog(options: PosthogOptions = {}): AnalyticsAdapter {
  return createAdapter(
    {
      name: 'posthog',
      find: (win) => withMethod(options.client ?? globals(win).posthog, 'capture'),
      deliver: (client, name, properties) => client.capture(name, properties),
    },
    options,
  );
}
