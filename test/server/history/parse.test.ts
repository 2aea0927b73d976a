// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseHistory, parisTime } from '../../../src/server/index.js';
import { V1_SEED_RECORD, V2_SEED_CONVERSATION, V2_SEED_HISTORY } from '../../fixtures/histories.js';

describe('parseHistory: REST API v2', () => {
  it("reads the documentation's sample, every type code", () => {
    const transcript = parseHistory(V2_SEED_CONVERSATION, '666');
    expect(transcript.chatId).toBe('666');
    expect(transcript.entries.map((e) => e.from)).toEqual([
      'navigation',
      'visitor',
      'system',
      'operator',
      'visitor',
      'operator',
      'operator',
      'visitor',
      'operator',
      'system',
    ]);
    expect(transcript.entries[1]).toEqual({ from: 'visitor', text: 'Hello', at: 1455618264049 });
    expect(transcript.entries[3].text).toBe('Hello, how can I help you?');
  });

  it('dates without epoch are Paris time (UTC+1 in February, UTC+2 in summer)', () => {
    const [navigation] = parseHistory(V2_SEED_CONVERSATION).entries;
    expect(navigation).toEqual({ from: 'navigation', text: 'http://test.com/', at: Date.UTC(2016, 1, 16, 10, 24, 21) });
    expect(parisTime(2016, 7, 14, 12, 0)).toBe(Date.UTC(2016, 6, 14, 10, 0));
  });

  it('takes history as an array, a JSON string with or without brackets, or a bare record', () => {
    const asArray = JSON.parse(`[${V2_SEED_HISTORY}]`);
    expect(parseHistory({ id: 1, history: asArray }).entries).toHaveLength(10);
    expect(parseHistory({ id: 1, history: `[${V2_SEED_HISTORY}]` }).entries).toHaveLength(10);
    expect(parseHistory({ data: { id: 1, history: '[2,"2016-02-16 11:24:23","Only one"]' } }).entries).toEqual([
      { from: 'visitor', text: 'Only one', at: Date.UTC(2016, 1, 16, 10, 24, 23) },
    ]);
  });

  it('refuses a formatted-text history (asked without formatHistory=0) instead of guessing its shape', () => {
    const formatted = { id: 1, history: '16/02/2016 11:24:23 Visitor: Hello\n16/02/2016 11:24:43 Operator: Hi' };
    expect(() => parseHistory(formatted)).toThrow(/formatted text.*formatHistory=0/);
    expect(() => parseHistory({ id: 1, history: '[2,"2016-02-16 11:24:23","cut' })).toThrow(/formatted text/);
  });

  it('an empty history is an empty transcript', () => {
    expect(parseHistory({ id: 1, history: '' })).toEqual({ chatId: '1', entries: [] });
    expect(parseHistory({ id: 1, history: [] })).toEqual({ chatId: '1', entries: [] });
  });

  it('survives hostile nesting: 100,000 levels deep where a type code or a sender should be', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(
      parseHistory({
        id: 1,
        history: [
          [deep, 'x', 'y'],
          [2, 'x', 'kept'],
        ],
      }).entries,
    ).toEqual([{ from: 'visitor', text: 'kept' }]);
    expect(
      parseHistory({
        id: 1,
        history: [
          { from: deep, msg: 'x' },
          { from: 'visitor', msg: 'kept' },
        ],
      }).entries,
    ).toEqual([{ from: 'visitor', text: 'kept' }]);
  });

  it('skips what it cannot read: the undocumented type 4, unknown types, missing text', () => {
    const history = [[4, '2016-02-16 11:24:21', '?'], [9, 'x', 'y'], [1], 'junk', null, [2, 'not a date', 'Kept']];
    expect(parseHistory({ id: 1, history }).entries).toEqual([{ from: 'visitor', text: 'Kept' }]);
  });
});

describe('parseHistory: API v1.7 (getHistoryByID)', () => {
  it("reads the seed's sample with its typos, in Paris time", () => {
    const transcript = parseHistory(V1_SEED_RECORD, '427437');
    expect(transcript).toEqual({
      chatId: '427437',
      entries: [
        { from: 'navigation', text: 'http://www.iadvize.com/fonctionnalites/co-browsing', at: Date.UTC(2011, 11, 27, 10, 58) },
        {
          from: 'visitor',
          text: 'bonjour, je souhaite savoir si iAdvize permet de se connecter depuis skype ?',
          at: Date.UTC(2011, 11, 27, 10, 58),
        },
        { from: 'operator', text: 'Bonjour, malheureusement non.', at: Date.UTC(2011, 11, 27, 10, 59) },
        { from: 'system', text: 'OPERATOR CHAT CLOSE', at: Date.UTC(2011, 11, 27, 11, 0) },
      ],
    });
  });

  it('a chat past midnight moves to the next day', () => {
    const record = {
      id: 1,
      datetime: '31.12.2021 23:59',
      history: [
        { from: 'visitor', time: '23:59', msg: 'a' },
        { from: 'operator', time: '00:01', msg: 'b' },
      ],
    };
    expect(parseHistory(record).entries.map((e) => e.at)).toEqual([Date.UTC(2021, 11, 31, 22, 59), Date.UTC(2021, 11, 31, 23, 1)]);
  });

  it('takes the matching record of a list, inside an envelope, and skips unknown senders', () => {
    const other = { ...V1_SEED_RECORD, id: '1' };
    const messy = { ...V1_SEED_RECORD, history: [...V1_SEED_RECORD.history, { from: 'robot', msg: 'x' }, { from: 'visitor' }] };
    const transcript = parseHistory({ meta: { status: 'success' }, data: [other, messy] }, '427437');
    expect(transcript.chatId).toBe('427437');
    expect(transcript.entries).toHaveLength(4);
  });

  it('no history at all is a clear error', () => {
    expect(() => parseHistory({ meta: { status: 'success' }, data: { id: 1 } })).toThrow(/no conversation history/);
    expect(() => parseHistory(null)).toThrow(/no conversation history/);
  });
});
