// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_PUSH_API, DOCUMENTED_WEBHOOKS, fresh } from '../../fixtures/webhooks.js';
import { parisNow, useWebhookRoute } from '../support/webhook-harness.js';

const { ctx, route, deliver } = useWebhookRoute();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const formOf = (payload: object) => new URLSearchParams(Object.entries(payload).map(([key, value]) => [key, String(value)])).toString();

describe('application/x-www-form-urlencoded bodies (a content type the developer platform offers)', () => {
  it('the documented transaction.attributed as a form is the same typed event, numbers read from text', async () => {
    const url = await route();
    const payload = fresh(DOCUMENTED_WEBHOOKS['transaction.attributed']);
    const form = formOf(payload);
    expect((await deliver(url, form, { headers: FORM })).status).toBe(200);
    expect(ctx.events).toEqual([{ ...payload, known: true }]);
  });

  it('lists are written name[]=, or name[0]=, in order', async () => {
    const url = await route();
    const { operatorIds: _, ...payload } = fresh(DOCUMENTED_WEBHOOKS['v2.conversation.closed']);
    const form = `${formOf(payload)}&operatorIds[]=1&operatorIds[]=2`;
    expect((await deliver(url, form, { headers: FORM })).status).toBe(200);
    expect(ctx.events[0]).toMatchObject({ known: true, operatorIds: [1, 2] });
    expect(
      (await deliver(url, form.replace('[]=1', '[0]=1').replace('[]=2', '[1]=2').replace(payload.eventId, 'e2'), { headers: FORM })).status,
    ).toBe(200);
    expect(ctx.events[1]).toMatchObject({ known: true, operatorIds: [1, 2] });
  });

  it.each([
    ['a field given twice', 'eventId=a&eventType=user.created&userId=1&userId=2'],
    ['an eventId given twice', 'eventId=a&eventId=b&eventType=user.created&userId=1'],
    ['a field given as a value and as a list', 'eventId=a&eventType=user.created&userId=1&userId[]=2'],
  ])('%s is ambiguous: 400', async (_, form) => {
    const url = await route();
    const answer = await deliver(url, form, { headers: FORM });
    expect([answer.status, answer.body.error]).toEqual([400, 'invalid_payload']);
    expect(ctx.events).toEqual([]);
  });

  it('__proto__ fields are dropped, other brackets are kept as written, and text where a number belongs leaves the event unknown', async () => {
    const url = await route();
    const dates = fresh({});
    expect(
      (
        await deliver(
          url,
          `eventId=a&eventType=user.created&userId=one&__proto__=1&constructor[]=2&__proto__[polluted]=1&${formOf(dates)}`,
          { headers: FORM },
        )
      ).status,
    ).toBe(200);
    expect(ctx.events).toEqual([
      { eventId: 'a', eventType: 'user.created', userId: 'one', '__proto__[polluted]': '1', ...dates, known: false },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the 2017 push API, mapped onto the same events', () => {
  const pushed = <T extends { datetime: object }>(payload: T): T => ({ ...payload, datetime: { created: parisNow(), sent: parisNow() } });

  it.each([
    ['operator.login', 'user.connected', { userId: 1 }],
    ['operator.logout', 'user.disconnected', { userId: 1 }],
    [
      'conversation.start',
      'conversation.started',
      { conversationId: 1, channel: 'chat|call|video', operatorId: 1, websiteId: 1, groupId: 1, customData: { example: 'value' } },
    ],
    ['conversation.end', 'conversation.closed', { conversationId: 1, channel: 'chat|call|video', operatorId: 1, websiteId: 1, groupId: 1 }],
  ] as const)('%s becomes %s', async (name, eventType, fields) => {
    const url = await route();
    expect((await deliver(url, pushed(DOCUMENTED_PUSH_API[name]))).status).toBe(200);
    expect(ctx.events).toEqual([
      {
        known: true,
        eventType,
        eventId: expect.stringMatching(/^push-[0-9a-f]{64}$/),
        createdAt: expect.any(String),
        sentAt: expect.any(String),
        ...fields,
      },
    ]);
  });

  it('its Paris-time dates become ISO 8601 in UTC', async () => {
    const url = await route();
    const winter = { ...DOCUMENTED_PUSH_API['operator.login'], datetime: { created: '2014-01-01 00:00:00', sent: '2014-01-01 00:00:01' } };
    expect((await deliver(url, winter)).body.error).toBe('stale_event');
    expect((await route({ maxEventAgeMs: 20 * 365 * 24 * 3600 * 1000 }).then((other) => deliver(other, winter))).status).toBe(200);
    expect([ctx.events[0]?.createdAt, ctx.events[0]?.sentAt]).toEqual(['2013-12-31T23:00:00.000Z', '2013-12-31T23:00:01.000Z']);
  });

  it('has no event id: the same body retried is one event (its digest stands for the id), another body another', async () => {
    const url = await route();
    const body = pushed(DOCUMENTED_PUSH_API['conversation.end']);
    expect([(await deliver(url, body)).body.status, (await deliver(url, body)).body.status]).toEqual(['delivered', 'duplicate']);
    expect((await deliver(url, { ...body, parameters: { ...body.parameters, conversation_id: 2 } })).body.status).toBe('delivered');
    expect(ctx.events).toHaveLength(2);
  });

  it('a push name this version does not know is delivered as unknown, with its parameters', async () => {
    const url = await route();
    expect((await deliver(url, pushed({ name: 'visitor.banned', datetime: {}, parameters: { visitor_id: 'v1' } }))).status).toBe(200);
    expect(ctx.events[0]).toMatchObject({ known: false, eventType: 'visitor.banned', visitor_id: 'v1' });
  });
});
