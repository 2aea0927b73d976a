import type { EventRows } from '../../core/plugin.js';

/** The events of `iadvizeTag()`: where loading the tag stands. */
export interface IAdvizeTagEvents {
  'tag:loading': { src: string };
  'tag:loaded': { src: string };
  /** The script could not load: blocked (an ad blocker, a Content-Security-Policy) or not found. */
  'tag:failed': { src: string };
}

declare module '../../core/events.js' {
  interface PluginEvents extends IAdvizeTagEvents {}
}

/** How analytics tools see them, when an adapter's `events` lists them: the tag's URL may carry the site id, so it stays. */
export const TAG_EVENTS: EventRows<IAdvizeTagEvents> = {
  'tag:loading': { name: 'chat_tag_loading' },
  'tag:loaded': { name: 'chat_tag_loaded' },
  'tag:failed': { name: 'chat_tag_failed' },
};
