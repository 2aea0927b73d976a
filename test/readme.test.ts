// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALLBACKS } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every callback with its event type, as src/events.ts defines them', () => {
    const rows = [...readme.matchAll(/^\| `(on[A-Za-z]+)` \| `([a-z-]+:[a-z-]+)` \|/gm)].map(([, name, type]) => [name, type]);
    expect(rows).toEqual(Object.entries(CALLBACKS));
  });

  it('keeps the two commands that work on a fresh machine', () => {
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toContain('npm test');
  });
});
