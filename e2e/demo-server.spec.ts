import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from './browser.js';

let server: Served;
beforeAll(async () => {
  server = await serve();
});
afterAll(() => server.close());

describe('the demo server', () => {
  it('answers 404 for what it does not serve, a malformed escape included, and keeps serving', async () => {
    for (const path of ['/demo/nope', '/demo/%E0', '/demo/%', '/package.json']) {
      expect({ path, status: (await fetch(`${server.url}${path}`)).status }).toEqual({ path, status: 404 });
    }
    expect((await fetch(`${server.url}/demo/`)).status).toBe(200);
  });
});
