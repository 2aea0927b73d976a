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

  it.each(['/api/iadvize-link', 'https://shop.example/api/iadvize-link', '//links.shop.example/api/iadvize-link', 'https://shop.example/api/iadvize-link?site=fr'])('chatLink takes %s', (endpoint) => {
    expect(chatLink({ ...LINK, endpoint }).name).toBe('chatLink');
  });

  it('fetchHistory refuses a page-relative endpoint and an unknown option before any request', async () => {
    const win = newWindow('https://shop.example/account/chat');
    const fetch = vi.fn();
    Object.assign(win, { fetch });
    const bridge = install({ window: win, plugins: [virtualAgent()] });
    await expect(bridge.virtualAgent.fetchHistory('12', { endpoint: 'api/iadvize-history' })).rejects.toThrow(/`endpoint` .*a path from the site root/);
    await expect(bridge.virtualAgent.fetchHistory('12', { endpoint: '/api/iadvize-history', visitorID: 'v' } as never)).rejects.toThrow(
      'iadvize-bridge fetchHistory(): unknown option `visitorID`: did you mean `visitorId`?',
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});
