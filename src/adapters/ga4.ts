import { fail } from '../core/errors.js';
import { globalsOf } from '../core/window.js';
import type { EventType } from '../core/events.js';
import { createAdapter, type AdapterOptions, type AnalyticsAdapter, type NeedsOf } from './create-adapter.js';
import { GA4_RULES } from '../shared/ga4-rules.js';

export interface Ga4Options<T extends EventType = EventType> extends AdapterOptions<T> {
  /** GA4 `send_to`: the measurement id(s) or group to send to, when the page configures several. */
  sendTo?: string | string[] | undefined;
  /**
   * Marks the visitor as chat-engaged in GA4 from the chat's start: `gtag('set', 'user_properties',
   * { iadvize_chat: 'engaged' })`, so every later GA4 event of the visitor (purchases included) can be
   * segmented by chat engagement. `true` for that name, or a user property name of your own.
   */
  chatUserProperty?: boolean | string | undefined;
}

const USER_PROPERTY = /^[A-Za-z][A-Za-z0-9_]{0,23}$/;
const RESERVED_USER_PROPERTY =
  /^(firebase_|google_|ga_)|^(first_open_time|first_visit_time|last_deep_link_referrer|user_id|first_open_after_install)$/;

/**
 * Google Analytics 4 through the site's own `gtag` (never defined here: without it, events wait).
 * @example
 * install({ plugins: [ga4({ chatUserProperty: true })] }) // gtag('event', 'chat_started', { chat_channel: 'chat' })
 */
export function ga4<const T extends EventType = never>(options: Ga4Options<T> = {}): AnalyticsAdapter<NeedsOf<T>> {
  const { chatUserProperty } = options ?? {};
  const property = chatUserProperty === true ? 'iadvize_chat' : chatUserProperty || undefined;
  if (
    chatUserProperty !== undefined &&
    typeof chatUserProperty !== 'boolean' &&
    (typeof chatUserProperty !== 'string' || !USER_PROPERTY.test(chatUserProperty) || RESERVED_USER_PROPERTY.test(chatUserProperty))
  ) {
    fail(
      'ga4()',
      '`chatUserProperty` must be true, or a GA4 user property name: a letter, then up to 23 letters, digits or underscores, not reserved by Google',
    );
  }
  const { sendTo } = options ?? {};
  if (sendTo !== undefined && !(typeof sendTo === 'string' || (Array.isArray(sendTo) && sendTo.every((to) => typeof to === 'string'))))
    fail('ga4()', '`sendTo` must be a string or an array of strings');
  type Gtag = (...args: unknown[]) => unknown;
  const engaged = (gtag: Gtag) => property && gtag('set', 'user_properties', { [property]: 'engaged' });
  const adapter = createAdapter<Gtag, T>(
    {
      name: 'ga4',
      options: ['sendTo', 'chatUserProperty'],
      rules: GA4_RULES,
      find: (win) => {
        const { gtag } = globalsOf(win);
        return typeof gtag === 'function' ? gtag : undefined;
      },
      deliver: (gtag, name, params, event) => {
        // Set before the event, so chat_started carries it too.
        if (event.type === 'chat:started') engaged(gtag);
        gtag('event', name, options.sendTo ? { ...params, send_to: options.sendTo } : params);
      },
    },
    options,
  );
  if (!property) return adapter;
  return {
    ...adapter,
    stats: adapter.stats,
    setup(context) {
      adapter.setup!(context);
      // A later page of the tab: gtag's settings are per page, the chat record is per tab.
      const { gtag } = globalsOf(context.window);
      if (context.state.chat.chatId !== undefined && typeof gtag === 'function') context.guard(() => engaged(gtag), 'chatUserProperty');
    },
  };
}
