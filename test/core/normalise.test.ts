import { describe, expect, it } from 'vitest';
import { CALLBACKS, EVENT_TYPES, OTHER_EVENTS } from '../../src/index.js';
import { CALLBACK_NAMES } from '../helpers.js';
import { page } from '../helpers.js';

// Payloads as iAdvize documents them: the 2017 seed shapes, then the 2019-2022 variants.
describe('every callback becomes its event', () => {
  const cases: Array<[keyof typeof CALLBACKS, unknown[], Record<string, unknown>]> = [
    ['onChatDisplayed', [null], {}],
    ['onChatHidden', [], {}],
    ['onChatButtonDisplayed', [null], {}],
    ['onStatusChanged', [{ offline: 0, busy: 1 }], { offline: false, busy: true }],
    ['onChatStarted', [{ id: 4242, startedBy: 'proactif' }], { chatId: '4242', startedBy: 'proactive', resumed: false }],
    ['onChatEnded', [{ id: 4242, endedBy: 'visitor' }], { chatId: '4242', endedBy: 'visitor' }],
    ['onInvitationDisplayed', [{ id: 77 }], { invitationId: '77' }],
    ['onCallButtonDisplayed', [null], {}],
    ['onCallStatusChanged', [{ offline: 1 }], { offline: true }],
    ['onCallStarted', [null], {}],
    ['onCallEnded', [null], {}],
    ['onVideoButtonDisplayed', [null], {}],
    ['onRuleStarted', [{ id: 12, label: 'Cart > 100 EUR' }], { ruleId: '12', label: 'Cart > 100 EUR' }],
    ['onMessageReceived', [{ time: '11:58', msg: 'Hello, how can I help?' }], { text: 'Hello, how can I help?', time: '11:58' }],
    ['onMessageSent', [{ time: '11:59', msg: 'My order 1234 is late' }], { text: 'My order 1234 is late', time: '11:59' }],
    ['onAlertReceived', [{ time: '12:00', msg: 'The operator left' }], { text: 'The operator left', time: '12:00' }],
    ['onOperatorWriting', [null], {}],
    ['onOperatorStopWriting', [null], {}],
    ['onVisitorWriting', [null], {}],
    ['onVisitorStopWriting', [null], {}],
    [
      'onOfferReceived',
      [{ name: '10% off', url: 'https://shop.example/offer?code=X' }],
      { name: '10% off', url: 'https://shop.example/offer?code=X' },
    ],
    [
      'onLinkReceived',
      [{ name: 'Size guide', url: 'https://shop.example/size', push: true }],
      { name: 'Size guide', url: 'https://shop.example/size', pushed: true },
    ],
    ['onVisitorTransferred', [{ operatorId: 31, historyId: 998 }], { operatorId: '31', historyId: '998' }],
    ['onCobrowsingRequested', [], {}],
    ['onCobrowsingAccepted', [], {}],
    ['onCobrowsingRefused', [], {}],
    ['onCobrowsingStopped', [], {}],
    ['onSatisfactionDisplayed', [], {}],
    ['onSatisfactionAnswered', [null], {}],
  ];

  it('covers every documented callback', () => {
    expect(cases.map(([name]) => name).sort()).toEqual([...CALLBACK_NAMES].sort());
    expect(new Set(EVENT_TYPES).size).toBe(CALLBACK_NAMES.length + OTHER_EVENTS.length);
  });

  for (const [name, args, payload] of cases) {
    it(`${name} -> ${CALLBACKS[name]}`, () => {
      const { tag, events } = page();
      const before = Date.now();
      tag.fire(name, ...args);
      expect(events).toHaveLength(1);
      const { type, at, raw, ...rest } = events[0];
      expect(type).toBe(CALLBACKS[name]);
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(Date.now());
      expect(raw).toBe(args[0]);
      // durationMs is measured, not read: covered by the state tests.
      delete (rest as Record<string, unknown>).durationMs;
      expect(rest).toEqual(payload);
    });
  }
});

describe('2019-2022 payloads', () => {
  it('onChatStarted carries conversationId and vuid, without startedBy', () => {
    const { tag, events } = page();
    tag.fire('onChatStarted', { id: 'c1', conversationId: '1f0e8d2a-5a1b-4c3d-9e8f-0a1b2c3d4e5f', vuid: 'v-9' });
    expect(events[0]).toMatchObject({ chatId: 'c1', conversationId: '1f0e8d2a-5a1b-4c3d-9e8f-0a1b2c3d4e5f', visitorId: 'v-9' });
    expect(events[0]).not.toHaveProperty('startedBy');
  });

  it('onMessageReceived carries date and the operator ids, externalId possibly null', () => {
    const { tag, events } = page();
    tag.fire('onMessageReceived', { time: '10:02', date: '2022-03-01T10:02:11', msg: 'Hi', operator: { id: 88, externalId: 'crm-7' } });
    tag.fire('onMessageReceived', { time: '10:03', date: '2022-03-01T10:03:00', msg: 'Yes', operator: { id: 88, externalId: null } });
    expect(events[0]).toMatchObject({ text: 'Hi', date: '2022-03-01T10:02:11', operatorId: '88', operatorExternalId: 'crm-7' });
    expect(events[1]).toMatchObject({ operatorId: '88' });
    expect(events[1]).not.toHaveProperty('operatorExternalId');
  });

  it('onChatEnded without endedBy (deprecated) still gives the chat id', () => {
    const { tag, events } = page();
    tag.fire('onChatEnded', { id: 5 });
    expect(events[0]).toMatchObject({ type: 'chat:ended', chatId: '5' });
    expect(events[0]).not.toHaveProperty('endedBy');
  });
});

describe('coercions', () => {
  it.each([
    [1, true],
    ['1', true],
    [true, true],
    ['true', true],
    [0, false],
    ['0', false],
    [false, false],
    ['false', false],
  ])('flag %j becomes %j', (value, expected) => {
    const { tag, events } = page();
    tag.fire('onStatusChanged', { offline: value, busy: value });
    expect(events[0]).toMatchObject({ offline: expected, busy: expected });
  });

  it('leaves out flags it cannot read instead of guessing', () => {
    const { tag, events } = page();
    tag.fire('onStatusChanged', { offline: 'maybe', busy: 2 });
    expect(events[0]).not.toHaveProperty('offline');
    expect(events[0]).not.toHaveProperty('busy');
  });

  it('turns numeric ids into strings and ignores non-finite numbers and objects', () => {
    const { tag, events } = page();
    tag.fire('onChatStarted', { id: 0, startedBy: 'visitor' });
    tag.fire('onChatStarted', { id: NaN });
    tag.fire('onChatStarted', { id: { nested: 1 } });
    expect(events[0]).toMatchObject({ chatId: '0', startedBy: 'visitor' });
    expect(events[1]).not.toHaveProperty('chatId');
    expect(events[2]).not.toHaveProperty('chatId');
  });

  it('drops unknown startedBy and endedBy values', () => {
    const { tag, events } = page();
    tag.fire('onChatStarted', { id: 1, startedBy: 'robot' });
    tag.fire('onChatEnded', { id: 1, endedBy: 'proactif' });
    expect(events[0]).not.toHaveProperty('startedBy');
    expect(events[1]).not.toHaveProperty('endedBy');
  });

  it('reads own fields only, never inherited ones', () => {
    const { tag, events } = page();
    tag.fire('onOfferReceived', Object.create({ name: 'inherited', url: 'https://x' }));
    expect(events[0]).toEqual(expect.objectContaining({ type: 'offer:received' }));
    expect(events[0]).not.toHaveProperty('name');
  });

  it('freezes events so one listener cannot change what the next one sees', () => {
    const { tag, events } = page();
    tag.fire('onChatStarted', { id: 1 });
    expect(Object.isFrozen(events[0])).toBe(true);
  });
});
