import { describe, expect, it } from 'vitest';
import { safeUrl } from '../../src/adapters/safe-url.js';

/**
 * URLs an operator pushes (link_url) or an offer carries (offer_url, forwarded by default) that hold
 * something personal in a form safeUrl does not recognise. Each row: the URL, and what must not
 * reach the analytics tool.
 */
describe('safeUrl lets personal data through', () => {
  it.each([
    // Bearer tokens in the path: whoever has the URL sees the order, the address, or resets the password.
    [
      'Shopify order status token',
      'https://shop.example/12345678/orders/c1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6/authenticate',
      'c1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6',
    ],
    [
      'Shopify checkout token',
      'https://shop.example/12345678/checkouts/ab12cd34ef56ab12cd34ef56ab12cd34',
      'ab12cd34ef56ab12cd34ef56ab12cd34',
    ],
    ['Django password reset token', 'https://shop.example/account/reset/MTIz/5xk-0c9f0e6a1b2c3d4e5f6a/', '5xk-0c9f0e6a1b2c3d4e5f6a'],
    ['UUID tracking link', 'https://shop.example/track/6f1c2a4e-9b7d-4c1e-8a3f-2d5b6c7e8f90', '6f1c2a4e-9b7d-4c1e-8a3f-2d5b6c7e8f90'],
    [
      'JWT magic link (its payload is base64 of {"email":"jane@x.com"})',
      'https://shop.example/login/eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImphbmVAeC5jb20ifQ.c2ln',
      'eyJlbWFpbCI6ImphbmVAeC5jb20ifQ',
    ],
    // An email address in forms the '@' test misses.
    ['double-encoded @ (%2540)', 'https://shop.example/u/jane.doe%2540mail.com/orders', 'jane.doe'],
    ['fullwidth at sign U+FF20', 'https://shop.example/u/jane.doe\uFF20mail.com', 'jane.doe'],
    // Phone numbers with separators the digit rule does not know, or non-ASCII digits.
    ['phone with underscores', 'https://shop.example/callback/06_12_34_56_78', '78'],
    ['phone with commas', 'https://shop.example/callback/06,12,34,56,78', '78'],
    ['phone with encoded slashes', 'https://shop.example/callback/06%2F12%2F34%2F56%2F78', '78'],
    ['fullwidth digits', 'https://shop.example/callback/\uFF10\uFF16\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18', '%EF%BC%98'],
    ['card number with en dashes', 'https://shop.example/pay/4111\u20131111\u20131111\u20131111', '1111'],
  ])('%s', (_what, url, secret) => {
    expect(safeUrl(url) ?? '').not.toContain(secret);
  });
});
