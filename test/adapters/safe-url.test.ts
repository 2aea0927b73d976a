import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_SEGMENT, NUMBER_SEGMENT, safeUrl } from '../../src/adapters/safe-url.js';

describe('safeUrl: what of a link or offer URL may reach an analytics tool', () => {
  it.each([
    ['https://shop.example/size-guide?ref=chat#top', 'https://shop.example/size-guide'],
    ['https://user:password@shop.example/account', 'https://shop.example/account'],
    ['https://shop.example/users/jane.doe@example.com/orders', `https://shop.example/users/${EMAIL_SEGMENT}/orders`],
    ['https://shop.example/u/jane.doe%40example.com', `https://shop.example/u/${EMAIL_SEGMENT}`],
    ['https://shop.example/cart;jsessionid=0A1B2C3D?x=1', 'https://shop.example/cart'],
    ['https://shop.example/a;v=1/b;w=2', 'https://shop.example/a/b'],
    ['https://shop.example/call/+33 6 12 34 56 78', `https://shop.example/call/${NUMBER_SEGMENT}`],
    ['https://shop.example/pay/4111-1111-1111-1111', `https://shop.example/pay/${NUMBER_SEGMENT}`],
    ['https://shop.example/order/20261124', `https://shop.example/order/${NUMBER_SEGMENT}`],
    ['https://shop.example/product/1234567', 'https://shop.example/product/1234567'],
    ['HTTP://Shop.Example:8080/Path', 'http://shop.example:8080/Path'],
    ['/size-guide?ref=chat', '/size-guide'],
    ['mailto:jane.doe@example.com', 'mailto:'],
    ['tel:+33612345678', 'tel:'],
    ['javascript:alert(document.cookie)', 'javascript:'],
    ['jane:password@host', undefined],
    ['jane.doe@example.com', undefined],
    ['//cdn.example/x', undefined],
    ['not a url at all', undefined],
  ])('%s -> %s', (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });

  it('never lets an email, a digit run, user info, a query or a fragment through, whatever the URL (property-based)', () => {
    const secret = fc.constantFrom('jane.doe@example.com', '0612345678', '4111111111111111');
    const url = fc
      .tuple(
        fc.constantFrom('https://', 'http://', 'HTTPS://', 'mailto:', 'tel:', 'ftp://', '', '/', 'x:'),
        fc.constantFrom('', 'jane:pw@', 'jane@'),
        fc.webSegment(),
        secret,
        fc.webSegment(),
        fc.constantFrom('', '?q=', '#', ';jsessionid='),
        fc.string(),
      )
      .map(([scheme, user, a, s, b, tail, rest]) => ({ url: `${scheme}${user}shop.example/${a}/${s}/${b}${tail}${rest}`, secret: s }));
    fc.assert(
      fc.property(url, ({ url, secret }) => {
        const safe = safeUrl(url) ?? '';
        expect(safe).not.toContain(secret);
        expect(safe).not.toContain('jane');
        expect(safe).not.toMatch(/[?#;]/);
      }),
      { seed: 20261124, numRuns: 3000 },
    );
  });
});
