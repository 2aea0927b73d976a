import type { ChatLink } from '../../shared/chat-link.js';
import { originList } from '../http/cors.js';
import { logger, warn } from '../http/log.js';
import { optionChecks } from '../http/options.js';
import { isKeyValueStore, type KeyValueStore } from '../stores/store.js';
import { withDeadline } from '../stores/deadline.js';

export interface LinkHandlerOptions {
  /** Where links are kept: pass the same store to `linkedClientId(store)`. `memoryStore()` for one instance, `redisStore(client)` for several. */
  store: KeyValueStore;
  /**
   * Whether this request may link this conversation: check the site's own session. Return the
   * visitor's session key (a non-empty string: a session or user id) to allow it and cap the links of
   * that visitor (`linksPerSession`), `true` to allow it uncapped, `false` for a 403. Required: anyone
   * can POST any UUID and any client id. The body is read already: use headers and cookies.
   */
  authorize: (request: Request, link: ChatLink) => boolean | string | Promise<boolean | string>;
  /** How long a link is kept. Default 30 days: iAdvize may attribute a transaction to a conversation long after it. */
  ttlMs?: number;
  /**
   * The origin browsers open the site at (`'https://shop.example'`), or a list of them: behind a
   * proxy, CDN or load balancer, Node sees another scheme or host than the browser. Default: the
   * origin of the request's URL. Forwarded headers are never used.
   */
  publicOrigin?: string | readonly string[];
  /** Other sites' origins allowed to send links, with CORS headers. Default `[]`. Not authentication. */
  allowedOrigins?: readonly string[];
  /** The most links one session key may send per `sessionWindowMs`; past it, 429 with `Retry-After`. Default 30. */
  linksPerSession?: number;
  /** The window of `linksPerSession`. Default 1 hour. */
  sessionWindowMs?: number;
  /** Where failures are logged. Default `console.warn`. */
  log?: (message: string) => void;
}

const { fail, known, positive, fn, webCrypto } = optionChecks('createLinkHandler');
const HOUR = 60 * 60 * 1000;

export function linkSettings(options: LinkHandlerOptions) {
  known(
    options,
    Object.keys({
      store: 1,
      authorize: 1,
      ttlMs: 1,
      publicOrigin: 1,
      allowedOrigins: 1,
      linksPerSession: 1,
      sessionWindowMs: 1,
      log: 1,
    } satisfies Record<keyof LinkHandlerOptions, 1>),
  );
  const { store, authorize } = options;
  if (typeof authorize !== 'function') {
    fail("`authorize(request, link)` is required: check the visitor's own session; anyone can post any conversation id and any client id");
  }
  if (!isKeyValueStore(store)) {
    fail('`store` is required (memoryStore() or redisStore(client)): pass the same one to linkedClientId(store)');
  }
  positive(options.ttlMs, 'ttlMs');
  positive(options.linksPerSession, 'linksPerSession', true);
  positive(options.sessionWindowMs, 'sessionWindowMs');
  fn(options.log, 'log');
  webCrypto(' to hash session keys');
  return {
    store: withDeadline(store, 'createLinkHandler'),
    authorize,
    publicOrigins: options.publicOrigin === undefined ? undefined : originList(options.publicOrigin, 'publicOrigin', fail),
    allowedOrigins: originList(options.allowedOrigins ?? [], 'allowedOrigins', fail, true),
    ttlMs: options.ttlMs ?? 30 * 24 * HOUR,
    linksPerSession: options.linksPerSession ?? 30,
    sessionWindowMs: options.sessionWindowMs ?? HOUR,
    log: logger(options.log ?? warn, 'chat link'),
  };
}
