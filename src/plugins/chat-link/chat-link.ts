import { isConsentSource, type ConsentSource } from '../../consent/source.js';
import { fail } from '../../core/errors.js';
import { log } from '../../core/guard.js';
import type { Plugin } from '../../core/plugin.js';
import { globalsOf } from '../../core/window.js';
import { chatLinkProblem, CONVERSATION_ID, type LinkConsent } from '../../shared/chat-link.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import { onPage, endpointProblem, notOnPage } from '../endpoint.js';

export interface ChatLinkOptions {
  /** The site's link endpoint (`createLinkHandler` from `iadvize-bridge/server`): https:, or this page's origin. */
  endpoint: string;
  /** The GA4 measurement id whose client id is linked, e.g. `'G-ABC123XYZ'`. */
  measurementId: string;
  /**
   * The visitor's analytics consent, a consent source (`tcf()`, `didomi({ vendor })`, ...) or a
   * function, asked at each chat start and again before sending: nothing is read or sent unless it
   * is granted (undecided is no). Required, so the choice is the site's (`() => true` where no
   * consent is needed).
   */
  consent: ChatLinkConsent;
  /** The visitor's consent to send their data to Google for advertising (`ad_user_data`), recorded with the link. Left out: the server sends `'DENIED'`. */
  adUserData?: ChatLinkConsent;
  /** The visitor's consent to personalised advertising (`ad_personalization`), recorded with the link. Left out: the server sends `'DENIED'`. */
  adPersonalization?: ChatLinkConsent;
}

/** A consent source, or a function answering `true` for a yes. */
export type ChatLinkConsent = ConsentSource | (() => boolean);

const SCOPE = 'chatLink()';
const MEASUREMENT_ID = /^G-[A-Z0-9]{4,20}$/;
/** The conversations of this tab already linked: once per conversation, across page changes. */
export const LINKED_KEY = 'iadvize-bridge:linked';

/** The ad consents a link may record, by option, in the Measurement Protocol's words. */
const ADS = { adUserData: 'ad_user_data', adPersonalization: 'ad_personalization' } as const;

/** Whether `consent` holds on `win` now: a source's state is granted, a function answered true. */
const granted = (consent: ChatLinkConsent, win: Window) =>
  isConsentSource(consent) ? consent.state(win) === 'granted' : consent() === true;

function checkOptions(options: ChatLinkOptions): void {
  if (options === null || typeof options !== 'object') fail(SCOPE, 'takes { endpoint, measurementId, consent }');
  checkKnownOptions(SCOPE, options, ['endpoint', 'measurementId', 'consent', ...Object.keys(ADS)]);
  const problem = endpointProblem(options.endpoint);
  if (problem) fail(SCOPE, problem);
  if (typeof options.measurementId !== 'string' || !MEASUREMENT_ID.test(options.measurementId))
    fail(SCOPE, "`measurementId` must be a GA4 measurement id such as 'G-ABC123XYZ'");
  for (const name of ['consent', ...Object.keys(ADS)] as const) {
    const consent = options[name as 'consent'];
    if (typeof consent != 'function' && !isConsentSource(consent) && (name == 'consent' || consent !== undefined))
      fail(SCOPE, `\`${name}\` must be a consent source or a function (() => true for a yes)`);
  }
}

/**
 * Links each iAdvize conversation to the visitor's GA4 client id, so the server can send iAdvize's
 * webhooks (satisfaction, attributed transactions) to GA4 as this visitor's events. At a chat's
 * start, with analytics consent, it asks the site's `gtag` for the client id and sends
 * `{ conversationId, clientId, consent }` to `endpoint` with `navigator.sendBeacon`, once per
 * conversation; `consent` records the visitor's answers for the Measurement Protocol. Nothing else
 * leaves the page: no chat text, no visitor id.
 * @example
 * install({ plugins: [ga4(), chatLink({ endpoint: '/api/iadvize-link', measurementId: 'G-ABC123XYZ', consent: tcf({ purposes: [1, 7] }) })] })
 */
export function chatLink(options: ChatLinkOptions): Plugin {
  checkOptions(options);
  return {
    name: 'chatLink',
    setup(context) {
      const win = context.window;
      const endpoint = onPage(options.endpoint, win);
      if (!endpoint) fail(SCOPE, notOnPage(options.endpoint));
      const url = endpoint.href;
      let storage: Storage | undefined;
      context.guard(() => (storage = win.sessionStorage), 'storage');
      const linked = new Set<string>();
      context.guard(
        () =>
          (JSON.parse(storage?.getItem(LINKED_KEY) ?? '[]') as unknown[]).forEach(
            (id: unknown) => typeof id === 'string' && linked.add(id),
          ),
        'storage',
      );

      /** What the link records: analytics granted (nothing is sent otherwise), and each ad consent the site gave. */
      function consent(): LinkConsent {
        const recorded: Record<string, string> = { analytics: 'GRANTED' };
        for (const [name, field] of Object.entries(ADS)) {
          const given = options[name as keyof typeof ADS];
          if (given) recorded[field] = granted(given, win) ? 'GRANTED' : 'DENIED';
        }
        return recorded as unknown as LinkConsent;
      }

      function send(conversationId: string, clientId: unknown): void {
        // The server's own rule: what it would refuse is not sent. gtag may answer later: consent is asked again.
        if (chatLinkProblem({ conversationId, clientId }) || linked.has(conversationId) || !granted(options.consent, win)) return;
        linked.add(conversationId);
        context.guard(() => storage?.setItem(LINKED_KEY, JSON.stringify([...linked].slice(-20))), 'storage');
        const body = JSON.stringify({ conversationId, clientId: clientId as string, consent: consent() });
        // A CORS-safelisted type: no preflight, and the beacon survives the page being left.
        const beacon = win.navigator?.sendBeacon?.(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
        if (!beacon)
          void win
            .fetch?.(url, {
              method: 'POST',
              body,
              keepalive: true,
              credentials: 'same-origin',
              headers: { 'content-type': 'text/plain;charset=UTF-8' },
            })
            .catch(() => {});
        if (context.debug) log('info', `chatLink: conversation ${conversationId} linked to the GA4 client id`);
      }

      context.on('chat:started', (event) => {
        const { conversationId } = event;
        if (conversationId === undefined || !CONVERSATION_ID.test(conversationId) || linked.has(conversationId)) return;
        if (!granted(options.consent, win)) return;
        const { gtag } = globalsOf(win);
        if (typeof gtag !== 'function') return void (context.debug && log('warn', 'chatLink: no gtag on the page, no client id to link'));
        gtag('get', options.measurementId, 'client_id', (clientId: unknown) =>
          context.guard(() => send(conversationId, clientId), 'client_id'),
        );
      });
    },
  };
}
