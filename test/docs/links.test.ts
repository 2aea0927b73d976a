// @vitest-environment node
// Every relative link of the README, CONTRIBUTING, the CHANGELOG and the guides leads somewhere: to a
// file of the repository, and, for `#anchor` into a Markdown file, to one of its headings (named as
// GitHub names them). Links in code (fenced or inline) are text, not links, and are not checked.
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles, read, root } from './files.mjs';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const [, text] of withoutFences(markdown).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const plain = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const slug = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    found.add(n ? `${slug}-${n}` : slug);
  }
  return found;
}

/** The text with fenced blocks blanked (their lines kept, so line numbers hold). */
function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
}

/** The text with fenced blocks and inline code blanked. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
}

/** What is wrong with the relative links of `file` (relative to the root), one line each. */
export function brokenLinks(
  file: string,
  markdown: string,
  exists: (path: string) => boolean,
  headings: (path: string) => Set<string>,
): string[] {
  const problems: string[] = [];
  withoutCode(markdown)
    .split('\n')
    .forEach((line, i) => {
      for (const [, target] of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not relative
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const resolved = path ? normalize(join(dirname(file), decodeURI(path))) : file;
        const where = `${file}:${i + 1}: ${target}`;
        if (resolved.startsWith('..')) problems.push(`${where}: leaves the repository`);
        else if (!exists(resolved)) problems.push(`${where}: no file ${resolved}`);
        else if (anchor !== undefined && resolved.endsWith('.md') && !headings(resolved).has(anchor)) {
          problems.push(`${where}: no heading #${anchor} in ${resolved}`);
        }
      }
    });
  return problems;
}

const onDisk = (path: string) => existsSync(join(root, path));
const headingsOf = (path: string) => anchors(read(path));
const files = ['CONTRIBUTING.md', 'CHANGELOG.md', ...docFiles()];

describe('relative links in the docs', () => {
  it.each(files)('%s: every relative link leads to a file, and every #anchor to a heading', (file) => {
    expect(brokenLinks(file, read(file), onDisk, headingsOf)).toEqual([]);
  });

  it('are found and checked: a missing file, a missing heading and a link out of the repository are each reported', () => {
    const page = [
      '# Title',
      '## Chats across pages: `bridge.state`',
      'ok [here](#title), [there](#chats-across-pages-bridgestate), [readme](../README.md#api-reference), [web](https://x.example/#nowhere)',
      'bad [gone](missing.md), [anchor](#nowhere), [out](../../etc/passwd), ![img](../demo/none.png)',
      '`[code](not-checked.md)`',
      '```md',
      '[fenced](not-checked-either.md)',
      '```',
    ].join('\n');
    expect(
      brokenLinks(
        'docs/page.md',
        page,
        (path) => path === 'docs/page.md' || onDisk(path),
        (path) => (path === 'docs/page.md' ? anchors(page) : headingsOf(path)),
      ),
    ).toEqual([
      'docs/page.md:4: missing.md: no file docs/missing.md',
      'docs/page.md:4: #nowhere: no heading #nowhere in docs/page.md',
      'docs/page.md:4: ../../etc/passwd: leaves the repository',
      'docs/page.md:4: ../demo/none.png: no file demo/none.png',
    ]);
  });

  it('name headings as GitHub does', () => {
    expect([...anchors('# A `code` title: with, punctuation!\n## Vue and Nuxt\n## Vue and Nuxt\n```\n# not a heading\n```')]).toEqual([
      'a-code-title-with-punctuation',
      'vue-and-nuxt',
      'vue-and-nuxt-1',
    ]);
  });
});
