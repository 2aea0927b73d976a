import { describe, expect, it } from 'vitest';
import {
  createHistoryHandler,
  createLinkHandler,
  createWebhookHandler,
  ga4MeasurementProtocol,
  memoryStore,
  redisStore,
  toNodeListener,
} from '../../src/server/index.js';

const authorize = () => true;
const redisLike = { get: async () => null, set: async () => 'OK', del: async () => 1 };

describe('an unknown option of a server factory is an error naming the one meant', () => {
  it.each([
    [
      'createHistoryHandler',
      () => createHistoryHandler({ apiKey: 'k', authorize, requireVisitorID: true } as never),
      'requireVisitorID',
      'requireVisitorId',
    ],
    [
      'createHistoryHandler',
      () => createHistoryHandler({ apiKey: 'k', authorize, allowedOrigin: [] } as never),
      'allowedOrigin',
      'allowedOrigins',
    ],
    [
      'createWebhookHandler',
      () => createWebhookHandler({ secret: 's', onEvent: () => {}, maxBodyByte: 1 } as never),
      'maxBodyByte',
      'maxBodyBytes',
    ],
    ['createLinkHandler', () => createLinkHandler({ store: memoryStore(), authorize, ttl: 1 } as never), 'ttl', 'ttlMs'],
    [
      'ga4MeasurementProtocol',
      () =>
        ga4MeasurementProtocol({
          measurementId: 'G-ABC123',
          apiSecret: 's',
          clientId: () => undefined,
          currency: 'EUR',
          timeout: 1,
        } as never),
      'timeout',
      'timeoutMs',
    ],
    ['memoryStore', () => memoryStore({ maxentries: 5 } as never), 'maxentries', 'maxEntries'],
    ['redisStore', () => redisStore(redisLike as never, { Prefix: 'x:' } as never), 'Prefix', 'prefix'],
  ])('%s()', (factory, make, typo, meant) => {
    expect(make).toThrow(new TypeError(`iadvize-bridge ${factory}(): unknown option \`${typo}\`: did you mean \`${meant}\`?`));
  });

  it('toNodeListener() takes none: an option meant for the handler is not lost in silence', () => {
    const handler = async () => new Response(null);
    expect(() => toNodeListener(handler, { maxBodyBytes: 1 } as never)).toThrow(
      new TypeError('iadvize-bridge toNodeListener(): unknown option `maxBodyBytes` (known: log)'),
    );
    expect(typeof toNodeListener(handler)).toBe('function');
  });

  it('every documented option is known', () => {
    const log = () => {};
    expect(() =>
      createHistoryHandler({
        apiKey: 'k',
        authorize,
        requireVisitorId: true,
        api: 'v1',
        platform: 'ha',
        allowedOrigins: [],
        timeoutMs: 1,
        maxUpstreamBytes: 1,
        maxEntries: 1,
        maxTextLength: 1,
        baseUrl: 'http://127.0.0.1:1',
        log,
      }),
    ).not.toThrow();
    expect(() =>
      createWebhookHandler({
        secret: 's',
        onEvent: () => {},
        maxBodyBytes: 1,
        maxEventAgeMs: 1,
        store: memoryStore({ maxEntries: 1 }),
        log,
      }),
    ).not.toThrow();
    expect(() =>
      createLinkHandler({ store: redisStore(redisLike as never, { prefix: 'x:' }), authorize, ttlMs: 1, allowedOrigins: [], log }),
    ).not.toThrow();
    expect(() =>
      ga4MeasurementProtocol({
        measurementId: 'G-ABC123',
        apiSecret: 's',
        clientId: () => undefined,
        endpoint: 'http://127.0.0.1:1/mp/collect',
        currency: 'EUR',
        events: {},
        validate: true,
        batchMs: 1,
        retries: 1,
        retryDelayMs: 1,
        timeoutMs: 1,
        log,
      }),
    ).not.toThrow();
  });
});
