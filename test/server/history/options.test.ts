// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createHistoryHandler } from '../../../src/server/index.js';
import { API_KEY } from '../support/hostile-iadvize.js';

const valid = { apiKey: API_KEY, authorize: () => true };

describe('createHistoryHandler options', () => {
  it.each([
    [{ apiKey: '' }, /apiKey/],
    [{ apiKey: '  ' }, /apiKey/],
    [{ authorize: true }, /authorize/],
    [{ api: 'v3' }, /api/],
    [{ platform: 'www' }, /platform/],
    [{ allowedOrigins: '*' }, /allowedOrigins/],
    [{ timeoutMs: -1 }, /timeoutMs/],
    [{ timeoutMs: Infinity }, /timeoutMs/],
    [{ maxUpstreamBytes: 1.5 }, /maxUpstreamBytes/],
    [{ maxEntries: 0 }, /maxEntries/],
    [{ maxTextLength: '2000' }, /maxTextLength/],
    [{ log: 'console' }, /log/],
    [{ requireVisitorId: 'yes' }, /requireVisitorId/],
    [{ baseUrl: 'http://example.com' }, /baseUrl/],
  ])('bad options %j are a clear TypeError', (bad, message) => {
    expect(() => createHistoryHandler({ ...valid, ...(bad as object) })).toThrow(TypeError);
    expect(() => createHistoryHandler({ ...valid, ...(bad as object) })).toThrow(message);
  });

  it('no options at all is a clear TypeError', () => {
    expect(() => createHistoryHandler(undefined as never)).toThrow(/options object/);
  });

  it('a logger that throws does not change the answer', async () => {
    const handler = createHistoryHandler({
      ...valid,
      baseUrl: 'http://127.0.0.1:9',
      log: () => {
        throw new Error('disk full');
      },
    });
    expect((await handler(new Request('http://shop.example/h?chatId=1'))).status).toBe(502);
  });
});
