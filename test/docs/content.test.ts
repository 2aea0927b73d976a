// @vitest-environment node
// What the docs say that the sources decide: checked against the sources, so the docs cannot drift.
import { describe, expect, it } from 'vitest';
import { CALLBACKS, EVENT_TYPES, MAPPING, segment, type BridgeEvent, type EventRow, type PluginContext } from '../../src/index.js';
import { defaultParams, titleCase } from '../../src/adapters/mapping.js';
import { read } from './files.mjs';

const readme = read('README.md');

describe('the events guide (docs/events.md)', () => {
  it('lists every callback with its event type, as src/core/events.ts defines them', () => {
    const rows = [...read('docs/events.md').matchAll(/^\| `(on[A-Za-z]+)` \| `([a-z-]+:[a-z-]+)` \|/gm)].map(([, name, type]) => [
      name,
      type,
    ]);
    expect(rows).toEqual(Object.entries(CALLBACKS));
  });
});

describe('README', () => {
  it('keeps the two commands that work on a fresh machine, in a shell block, and package.json runs them', () => {
    const shell = [...readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap(([, code]) => code.split('\n'));
    expect(shell.some((line) => line.startsWith('npm install && npm run demo'))).toBe(true);
    expect(shell.some((line) => /^npm test\b/.test(line))).toBe(true);
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['demo', 'test']));
  });
});

describe("the privacy guide's table (docs/privacy.md)", () => {
  // One event with every field a payload can have, so each mapping shows all it can send.
  const full = {
    at: 0,
    raw: null,
    chatId: '123',
    conversationId: '5f0c8a52-0000-4000-8000-000000000001',
    visitorId: 'x',
    startedBy: 'visitor',
    endedBy: 'visitor',
    durationMs: 1000,
    name: 'n',
    url: 'https://x/y?q',
    pushed: true,
    offline: false,
    busy: false,
    ruleId: 'r',
    label: 'l',
    invitationId: 'i',
    text: 't',
    time: '10:00',
    date: 'd',
    operatorId: 'o',
    operatorExternalId: 'e',
    historyId: 'h',
    kind: 'cookies',
    value: true,
  };
  const code = (keys: string[]) => keys.map((key) => `\`${key}\``).join(', ') || '—';

  it('says, per event, exactly what the adapters send by default and with includeIds', () => {
    // Segment's names as its adapter really sends them.
    const segmentNames: string[] = [];
    const segmentAdapter = segment({ events: EVENT_TYPES, client: { track: (name: string) => segmentNames.push(name) } });
    // The rows of the plugins' events, as a bridge with webSdk() and virtualAgent() gives them.
    segmentAdapter.setup!({
      window: globalThis,
      guard: () => {},
      describe: (type: string) => (MAPPING as Record<string, EventRow>)[type],
    } as unknown as PluginContext);
    const expected = (Object.keys(MAPPING) as (typeof EVENT_TYPES)[number][]).map((type) => {
      const event = { ...full, type } as unknown as BridgeEvent;
      const row = MAPPING[type] as EventRow;
      const base = Object.keys(defaultParams(row, event, false));
      const ids = Object.keys(defaultParams(row, event, true)).filter((key) => !base.includes(key));
      segmentAdapter.send(event);
      const { name, on } = row;
      return `| \`${type}\` | ${on ? 'on' : 'off'} | \`${name}\` | ${titleCase(name)} | ${segmentNames.at(-1)} | ${code(base)} | ${code(ids)} |`;
    });
    const rows = read('docs/privacy.md')
      .split('\n')
      .filter((line) => /^\| `[a-z-]+:[a-z-]+` \| (on|off) \|/.test(line));
    expect(rows).toEqual(expected);
  });
});
