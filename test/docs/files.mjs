// The docs the tests read: the README, CONTRIBUTING and every guide under docs/ (not the generated API
// reference in docs/api/). One list, so a guide added later is checked like the others.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;

/** Markdown files under `dir` (relative to the root), sorted. */
function markdownIn(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return path === 'docs/api' ? [] : markdownIn(path);
      return entry.name.endsWith('.md') ? [path] : [];
    })
    .sort();
}

/** README.md, CONTRIBUTING.md, then docs/**\/*.md. */
export function docFiles() {
  return ['README.md', 'CONTRIBUTING.md', ...markdownIn('docs')];
}

/** The text of a file, relative to the root. */
export function read(file) {
  return readFileSync(join(root, file), 'utf8');
}

/** Every TypeScript sample (```ts or ```tsx) of the docs, in order, with the file it is in. */
export function samples() {
  return docFiles().flatMap((file) =>
    [...read(file).matchAll(/^```(ts|tsx)\n([\s\S]*?)^```/gm)].map(([, lang, code]) => ({ file, lang, code })),
  );
}
