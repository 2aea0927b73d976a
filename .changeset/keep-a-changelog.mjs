// After `changeset version`: the section Changesets wrote under the CHANGELOG's title (`## 1.2.0`,
// `### Minor Changes`, `- Added: ...`) becomes a Keep a Changelog one, `## [1.2.0] - <date>` with
// `### Added`, `### Fixed`, ... groups, under an empty `## [Unreleased]`, with its compare link.
// `npm run version-packages` runs both. A changeset's summary starts with its group (`Added: ...`).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const GROUPS = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

/** The lines Changesets inserted after the title: its headings, entries, their continuations, blanks. */
function changesetsBlock(lines) {
  let end = 1;
  while (end < lines.length && /^(## \d+\.\d+|### (Major|Minor|Patch) Changes$|- | {2}|$)/.test(lines[end])) end++;
  return lines.slice(1, end);
}

/** `text` (a CHANGELOG.md Changesets has just written to) in Keep a Changelog's form. */
export function keepAChangelog(text, date) {
  const lines = text.split('\n');
  const block = changesetsBlock(lines);
  const version = block.find((line) => line.startsWith('## '))?.slice(3);
  if (!version) throw new Error('CHANGELOG.md: no section from `changeset version` under the title: nothing to do');
  const body = block.filter((line) => !/^#{2,3} /.test(line)).join('\n');
  const entries = body
    .split(/^- (?:[0-9a-f]{7,40}: )?/m)
    .slice(1)
    .map((entry) => entry.trimEnd());
  const grouped = new Map(GROUPS.map((group) => [group, []]));
  for (const entry of entries) {
    const group = /^(\w+): /.exec(entry)?.[1];
    if (!grouped.has(group))
      throw new Error(`a changeset's summary must start with one of ${GROUPS.join(', ')} and a colon: "${entry.split('\n')[0]}"`);
    grouped.get(group).push(`- ${entry.slice(group.length + 2)}`);
  }
  const section = [
    `## [${version}] - ${date}`,
    ...[...grouped].filter(([, items]) => items.length).flatMap(([group, items]) => ['', `### ${group}`, '', ...items]),
  ];
  let rest = [lines[0], '', ...lines.slice(1 + block.length)].join('\n');
  if (!/^## \[Unreleased\]\n/m.test(rest)) throw new Error('CHANGELOG.md: no "## [Unreleased]" heading to put the release under');
  rest = rest.replace(/^## \[Unreleased\]\n\n?/m, `## [Unreleased]\n\n${section.join('\n')}\n\n`);
  return rest.replace(
    /^\[Unreleased\]: (.*)\/compare\/(v[^.\s]+\.[^.\s]+\.[^.\s]+)\.\.\.HEAD$/m,
    (_, repo, previous) => `[Unreleased]: ${repo}/compare/v${version}...HEAD\n[${version}]: ${repo}/compare/${previous}...v${version}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = new URL('../CHANGELOG.md', import.meta.url);
  writeFileSync(file, keepAChangelog(readFileSync(file, 'utf8'), new Date().toISOString().slice(0, 10)));
}
