import { warn } from '../http/log.js';
import { optionChecks } from '../http/options.js';
import { isKeyValueStore, memoryStore, type KeyValueStore } from '../stores/store.js';
import type { WebhookEvent } from '../iadvize/webhook-events.js';

export interface WebhookHandlerOptions {
  /** The secret token iAdvize signs with (the app's, or the webhook's). Several during a rotation: each is tried. */
  secret: string | readonly string[];
  /**
   * Runs once per event id for every verified event, unknown types included (`event.known === false`).
   * Throw or reject to answer 500: iAdvize retries after 10 s and 30 s, and the event is delivered again.
   */
  onEvent: (event: WebhookEvent) => void | Promise<void>;
  /** The most body bytes read; past it the answer is 413 and the rest is not read. Default 1 MB. */
  maxBodyBytes?: number;
  /**
   * The most body bytes all requests together hold before their signature is checked; one request per
   * 128 KiB of it reads its body at once (8 or more), the others wait unread. Past it a body waits for
   * room (until `bodyTimeoutMs`), and one that holds more than twice what a newer request announced is
   * cut with a 503 (`Retry-After: 10`), so small deliveries still pass. At least `maxBodyBytes`.
   * Default 8 MiB.
   */
  maxUnverifiedBytes?: number;
  /** How long a body may take to arrive; past it the answer is 408 and the connection is closed. Default 10 s. */
  bodyTimeoutMs?: number;
  /**
   * Events sent longer ago than this (by `sentAt`, else `createdAt`) are refused (400 `stale_event`),
   * and delivered ids are remembered this long plus 5 minutes: a signed event replayed later is
   * either remembered or too old. Default 1 hour.
   */
  maxEventAgeMs?: number;
  /** Where delivered event ids are remembered. Default `memoryStore()` (10,000 ids); `redisStore(client)` for several instances. */
  store?: KeyValueStore;
  /** Where failures are logged (never with a secret). Default `console.warn`. */
  log?: (message: string) => void;
}

export interface WebhookSettings {
  secrets: readonly string[];
  onEvent: WebhookHandlerOptions['onEvent'];
  maxBodyBytes: number;
  maxUnverifiedBytes: number;
  bodyTimeoutMs: number;
  maxEventAgeMs: number;
  store: KeyValueStore;
  log: (message: string) => void;
}

const { fail, known, positive, fn, webCrypto } = optionChecks('createWebhookHandler');

export function webhookSettings(options: WebhookHandlerOptions): WebhookSettings {
  known(
    options,
    Object.keys({
      secret: 1,
      onEvent: 1,
      maxBodyBytes: 1,
      maxEventAgeMs: 1,
      maxUnverifiedBytes: 1,
      bodyTimeoutMs: 1,
      store: 1,
      log: 1,
    } satisfies Record<keyof WebhookHandlerOptions, 1>),
  );
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  if (!Array.isArray(secrets) || secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || !secret.trim())) {
    fail('`secret` must be the secret token iAdvize signs with (a non-empty string), or an array of them during a rotation');
  }
  if (typeof options.onEvent !== 'function') fail('`onEvent(event)` is required: it receives every verified event');
  positive(options.maxBodyBytes, 'maxBodyBytes', true);
  positive(options.maxUnverifiedBytes, 'maxUnverifiedBytes', true);
  positive(options.bodyTimeoutMs, 'bodyTimeoutMs');
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxUnverifiedBytes = options.maxUnverifiedBytes ?? Math.max(8 * 1024 * 1024, maxBodyBytes);
  if (maxUnverifiedBytes < maxBodyBytes)
    fail(
      `\`maxUnverifiedBytes\` (${maxUnverifiedBytes}) must be at least \`maxBodyBytes\` (${maxBodyBytes}), or no body that large could ever be read`,
    );
  positive(options.maxEventAgeMs, 'maxEventAgeMs');
  if (options.store !== undefined && !isKeyValueStore(options.store))
    fail('`store` must have get, set, add and delete (see memoryStore and redisStore)');
  fn(options.log, 'log');
  webCrypto();
  return {
    secrets: [...secrets],
    onEvent: options.onEvent,
    maxBodyBytes,
    maxUnverifiedBytes,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 10_000,
    maxEventAgeMs: options.maxEventAgeMs ?? 60 * 60 * 1000,
    store: options.store ?? memoryStore(),
    log: options.log ?? warn,
  };
}
