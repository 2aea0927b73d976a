// @vitest-environment node
// The CHANGELOG is for users, in Keep a Changelog's form, and a release made with Changesets
// (`npm run version-packages`) keeps it in that form.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GROUPS, keepAChangelog } from '../../.changeset/keep-a-changelog.mjs';
import { read, root } from './files.mjs';

const changelog = read('CHANGELOG.md');
const { version } = JSON.parse(read('package.json')) as { version: string };

describe('CHANGELOG.md', () => {
  const releases = [...changelog.matchAll(/^## \[(.+?)\](.*)$/gm)].map(([, name, rest]) => ({ name, rest }));

  it("opens with an empty Unreleased section, then dated releases, the latest being package.json's version", () => {
    expect(changelog.startsWith('# Changelog\n')).toBe(true);
    expect(releases[0]).toEqual({ name: 'Unreleased', rest: '' });
    expect(changelog).toMatch(/^## \[Unreleased\]\n\n## \[/m);
    expect(releases.length).toBeGreaterThan(1);
    for (const { rest } of releases.slice(1)) expect(rest).toMatch(/^ - \d{4}-\d{2}-\d{2}$/);
    expect(releases[1].name).toBe(version);
  });

  it("groups each release's changes under Keep a Changelog's headings, and links every section", () => {
    const groups = [...changelog.matchAll(/^### (.+)$/gm)].map(([, group]) => group);
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(GROUPS).toContain(group);
    for (const { name } of releases) expect(changelog).toMatch(new RegExp(`^\\[${name.replace(/\./g, '\\.')}\\]: https://`, 'm'));
  });
});

describe('a release with Changesets (changeset version, then keep-a-changelog.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'changesets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the changesets as a dated Keep a Changelog section under Unreleased, with its compare link', () => {
    mkdirSync(join(dir, '.changeset'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'iadvize-bridge', version }));
    writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
    writeFileSync(join(dir, '.changeset/config.json'), read('.changeset/config.json'));
    writeFileSync(
      join(dir, '.changeset/new-option.md'),
      '---\n"iadvize-bridge": minor\n---\n\nAdded: `install({ example })`, an option\nover two lines.\n',
    );
    writeFileSync(join(dir, '.changeset/a-fix.md'), '---\n"iadvize-bridge": patch\n---\n\nFixed: a listener added twice is called once.\n');
    execFileSync(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], { cwd: dir, stdio: 'ignore' });
    const next = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    expect(next).not.toBe(version);

    const written = keepAChangelog(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8'), '2027-01-02');
    expect(written.split(`## [${version}]`)[0]).toBe(
      `${changelog.split('## [Unreleased]')[0]}## [Unreleased]\n\n## [${next}] - 2027-01-02\n\n` +
        '### Added\n\n- `install({ example })`, an option\n  over two lines.\n\n### Fixed\n\n- a listener added twice is called once.\n\n',
    );
    expect(written).toContain(
      `[Unreleased]: https://github.com/iadvize-bridge/iadvize-bridge/compare/v${next}...HEAD\n[${next}]: https://github.com/iadvize-bridge/iadvize-bridge/compare/v${version}...v${next}\n`,
    );
    const past = (text: string) => text.split(`## [${version}]`)[1].split('\n[Unreleased]: ')[0];
    expect(past(written)).toBe(past(changelog)); // earlier releases untouched
  });

  it('refuses a summary without its group, naming it, rather than file it anywhere', () => {
    const text = '# Changelog\n\n## 0.2.0\n\n### Patch Changes\n\n- abc1234: a fix with no group\n\nIntro.\n\n## [Unreleased]\n';
    expect(() => keepAChangelog(text, '2027-01-02')).toThrow(
      'must start with one of Added, Changed, Deprecated, Removed, Fixed, Security and a colon: "a fix with no group"',
    );
  });
});
