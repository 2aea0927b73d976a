import { fail } from '../../core/errors.js';
import { log } from '../../core/guard.js';
import type { Plugin } from '../../core/plugin.js';
import { globalsOf } from '../../core/window.js';
import { chatLinkProblem, CONVERSATION_ID } from '../../shared/chat-link.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import { onPage, endpointProblem, notOnPage } from '../endpoint.js';

export interface ChatLinkOptions {
  /** The site's link endpoint (`createLinkHandler` from `iadvize-bridge/server`): https:, or this page's origin. */
  endpoint: string;
  /** The GA4 measurement id whose client id is linked, e.g. `'G-ABC123XYZ'`. */
  measurementId: string;
  /**
   * The visitor's analytics consent, asked at each chat start: nothing is read or sent without a
   * yes. Required, so the choice is the site's (`() => true` where no consent is needed).
   */
  consent: () => boolean;
}

const SCOPE = 'chatLink()';
const MEASUREMENT_ID = /^G-[A-Z0-9]{4,20}$/;
/** The conversations of this tab already linked: once per conversation, across page changes. */
export const LINKED_KEY = 'iadvize-bridge:linked';

function checkOptions(options: ChatLinkOptions): void {
  if (options === null || typeof options !== 'object') fail(SCOPE, 'takes { endpoint, measurementId, consent }');
  checkKnownOptions(SCOPE, options, ['endpoint', 'measurementId', 'consent']);
  const problem = endpointProblem(options.endpoint);
  if (problem) fail(SCOPE, problem);
  if (typeof options.measurementId !== 'string' || !MEASUREMENT_ID.test(options.measurementId))
    fail(SCOPE, "`measurementId` must be a GA4 measurement id such as 'G-ABC123XYZ'");
  if (typeof options.consent !== 'function')
    fail(SCOPE, "`consent` must be a function answering the visitor's analytics consent (() => true where none is needed)");
}

/**
 * Links each iAdvize conversation to the visitor's GA4 client id, so the server can send iAdvize's
 * webhooks (satisfaction, attributed transactions) to GA4 as this visitor's events. At a chat's
 * start, with analytics consent, it asks the site's `gtag` for the client id and sends
 * `{ conversationId, clientId }` to `endpoint` with `navigator.sendBeacon`, once per conversation.
 * Nothing else leaves the page: no chat text, no visitor id.
 * @example
 * install({ plugins: [ga4(), chatLink({ endpoint: '/api/iadvize-link', measurementId: 'G-ABC123XYZ', consent: () => cmp.analytics })] })
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

      function send(conversationId: string, clientId: unknown): void {
        // The server's own rule: what it would refuse is not sent.
        if (chatLinkProblem({ conversationId, clientId }) || linked.has(conversationId)) return;
        linked.add(conversationId);
        context.guard(() => storage?.setItem(LINKED_KEY, JSON.stringify([...linked].slice(-20))), 'storage');
        const body = JSON.stringify({ conversationId, clientId: clientId as string });
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
        if (options.consent() !== true) return;
        const { gtag } = globalsOf(win);
        if (typeof gtag !== 'function') return void (context.debug && log('warn', 'chatLink: no gtag on the page, no client id to link'));
        gtag('get', options.measurementId, 'client_id', (clientId: unknown) =>
          context.guard(() => send(conversationId, clientId), 'client_id'),
        );
      });
    },
  };
}
