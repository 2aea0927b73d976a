import { describe, expect, it, vi } from 'vitest';
import { chatLink, install, virtualAgent } from '../../src/index.js';
import { newWindow } from '../helpers.js';

const LINK = { measurementId: 'G-ABC123XYZ', consent: () => true };

describe('an endpoint the browser calls is one URL, whatever page the visitor is on', () => {
  it.each([
    ['api/iadvize-link', 'a path from the site root'],
    ['shop.example/api/iadvize-link', 'a path from the site root'],
    ['/api/iadvize-link#x', 'no user info or fragment'],
    ['https://user:secret@shop.example/api/iadvize-link', 'no user info or fragment'],
  ])('chatLink refuses %s where it is written', (endpoint, why) => {
    expect(() => chatLink({ ...LINK, endpoint })).toThrow(new RegExp(`^iadvize-bridge chatLink\\(\\): \`endpoint\` .*${why}`));
  });

  it.each(['/api/iadvize-link', 'https://shop.example/api/iadvize-link', 'https://shop.example/api/iadvize-link?site=fr'])(
    'chatLink takes %s',
    (endpoint) => {
      expect(chatLink({ ...LINK, endpoint }).name).toBe('chatLink');
    },
  );

  it('fetchHistory refuses a page-relative endpoint and an unknown option before any request', async () => {
    const win = newWindow('https://shop.example/account/chat');
    const fetch = vi.fn();
    Object.assign(win, { fetch });
    const bridge = install({ window: win, plugins: [virtualAgent()] });
    await expect(bridge.virtualAgent.fetchHistory('12', { endpoint: 'api/iadvize-history' })).rejects.toThrow(
      /`endpoint` .*a path from the site root/,
    );
    await expect(bridge.virtualAgent.fetchHistory('12', { endpoint: '/api/iadvize-history', visitorID: 'v' } as never)).rejects.toThrow(
      'iadvize-bridge fetchHistory(): unknown option `visitorID`: did you mean `visitorId`?',
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  // Each of these reached another origin: the URL parser reads them as a host, or drops what hid it.
  const ELSEWHERE = [
    '//evil.example/a',
    '/\\evil.example/a',
    '/\t/evil.example/a',
    '/\n/evil.example/a',
    '\\/evil.example/a',
    ' //evil.example/a',
    '/\r\\evil.example/a',
  ];

  it.each(ELSEWHERE)('chatLink refuses %j where it is written', (endpoint) => {
    expect(() => chatLink({ ...LINK, endpoint })).toThrow(/chatLink\(\): `endpoint` must be an https: URL or a path from the site root/);
  });

  it.each(ELSEWHERE)('fetchHistory refuses %j before any request', async (endpoint) => {
    const win = newWindow('https://shop.example/account/chat');
    const fetch = vi.fn();
    Object.assign(win, { fetch });
    const bridge = install({ window: win, plugins: [virtualAgent()] });
    await expect(bridge.virtualAgent.fetchHistory('12', { endpoint })).rejects.toThrow(/fetchHistory\(\): `endpoint` must be/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("fetchHistory calls only https: or the page's own origin, as chatLink does", async () => {
    const win = newWindow('https://shop.example/account/chat');
    const fetch = vi.fn(async (_url: string) => new Response(JSON.stringify({ chatId: '12', entries: [] })));
    Object.assign(win, { fetch });
    const bridge = install({ window: win, plugins: [virtualAgent()] });
    await expect(bridge.virtualAgent.fetchHistory('12', { endpoint: 'http://other.example/h' })).rejects.toThrow(
      "iadvize-bridge fetchHistory(): `endpoint` must be an https: URL or on this page's origin (http://other.example/h)",
    );
    expect(fetch).not.toHaveBeenCalled();
    await bridge.virtualAgent.fetchHistory('12', { endpoint: '/api/history' });
    await bridge.virtualAgent.fetchHistory('12', { endpoint: 'https://history.shop.example/h' });
    expect(fetch.mock.calls.map(([url]) => new URL(url).origin)).toEqual(['https://shop.example', 'https://history.shop.example']);
  });
});
