import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  adobeDataLayer,
  amplitude,
  custom,
  DEFAULT_EVENTS,
  EVENT_TYPES,
  ga4,
  gaLegacy,
  googleConsentMode,
  gtm,
  matomo,
  mixpanel,
  plausible,
  posthog,
  QUEUE_LIMIT,
  QUEUE_MS,
  RETRY_MS,
  segment,
  tcf,
  universalAnalytics,
  type AnalyticsAdapter,
  type EventType,
} from '../../src/index.js';
import { newWindow, page } from '../helpers.js';

type Host = Record<string, unknown>;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A page with the given tool globals already loaded, and a chat that starts, offers and ends. */
function chatWith(adapter: AnalyticsAdapter, tools: Host = {}) {
  const p = page({ adapters: [adapter], onError: vi.fn() });
  Object.assign(p.win, tools);
  return p;
}

const CONVERSATION = '5f0c8a52-2a4e-4c1b-9d3e-0000000000aa';

function runChat(tag: ReturnType<typeof page>['tag']) {
  tag.fire('onChatStarted', { id: 42, startedBy: 'proactif', conversationId: CONVERSATION, vuid: 'visitor-1' });
  tag.fire('onOfferReceived', { name: 'Free shipping', url: 'https://shop.example/offer?code=SECRET#x' });
  vi.advanceTimersByTime(65_400);
  tag.fire('onChatEnded', { id: 42, conversationId: CONVERSATION, vuid: 'visitor-1', endedBy: 'visitor' });
}

describe('default mapping', () => {
  it('forwards only the events that matter by default', () => {
    expect([...DEFAULT_EVENTS].sort()).toEqual([
      'call:ended',
      'call:started',
      'chat:ended',
      'chat:started',
      'cobrowsing:accepted',
      'cobrowsing:refused',
      'cobrowsing:requested',
      'cobrowsing:stopped',
      'invitation:displayed',
      'offer:received',
      'satisfaction:answered',
    ]);
  });
});

describe('ga4()', () => {
  it("calls the site's gtag('event', name, params) with GA4 names", () => {
    const gtag = vi.fn();
    const { tag } = chatWith(ga4(), { gtag });
    runChat(tag);
    expect(gtag.mock.calls).toEqual([
      ['event', 'chat_started', { started_by: 'proactive', chat_channel: 'chat' }],
      ['event', 'chat_offer_received', { offer_name: 'Free shipping', offer_url: 'https://shop.example/offer' }],
      ['event', 'chat_ended', { chat_duration_sec: 65, ended_by: 'visitor' }],
    ]);
  });

  it('adds send_to and never defines gtag itself', () => {
    const { win, tag } = chatWith(ga4({ sendTo: 'G-TEST123' }));
    tag.fire('onCallStarted', null);
    expect((win as unknown as Host).gtag).toBeUndefined();
    const gtag = vi.fn();
    Object.assign(win, { gtag });
    vi.advanceTimersByTime(300);
    expect(gtag).toHaveBeenCalledWith('event', 'chat_call_started', { send_to: 'G-TEST123' });
  });

  it('sends ids only with includeIds, and then only chat and conversation ids', () => {
    const gtag = vi.fn();
    const { tag } = chatWith(ga4({ includeIds: true }), { gtag });
    runChat(tag);
    expect(gtag.mock.calls[0]).toEqual([
      'event',
      'chat_started',
      { started_by: 'proactive', chat_channel: 'chat', chat_id: '42', conversation_id: CONVERSATION },
    ]);
    expect(gtag.mock.calls[2]).toEqual([
      'event',
      'chat_ended',
      { chat_duration_sec: 65, ended_by: 'visitor', chat_id: '42', conversation_id: CONVERSATION },
    ]);
  });
});

describe('gtm()', () => {
  it('pushes { event, iadvize } after resetting iadvize, creating the dataLayer if needed', () => {
    const { win, tag } = chatWith(gtm());
    runChat(tag);
    expect((win as unknown as Host).dataLayer).toEqual([
      { iadvize: null },
      { event: 'chat_started', iadvize: { started_by: 'proactive', chat_channel: 'chat' } },
      { iadvize: null },
      { event: 'chat_offer_received', iadvize: { offer_name: 'Free shipping', offer_url: 'https://shop.example/offer' } },
      { iadvize: null },
      { event: 'chat_ended', iadvize: { chat_duration_sec: 65, ended_by: 'visitor' } },
    ]);
  });

  it('uses the data layer name it is given, and rejects an empty one', () => {
    const custom = [{ gtm: 'start' }];
    const { tag } = chatWith(gtm({ dataLayerName: 'shopLayer' }), { shopLayer: custom });
    tag.fire('onCallStarted', null);
    expect(custom.at(-1)).toEqual({ event: 'chat_call_started', iadvize: {} });
    expect(() => gtm({ dataLayerName: '' })).toThrow(/dataLayerName/);
  });
});

describe('category / action / label tools', () => {
  it("universalAnalytics(): ga('send', 'event', 'iAdvize', action, label, value), with a debug warning", () => {
    const ga = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const p = page({ adapters: [universalAnalytics()], debug: true });
    Object.assign(p.win, { ga });
    runChat(p.tag);
    expect(ga.mock.calls).toEqual([
      ['send', 'event', 'iAdvize', 'Chat Started', 'proactive', undefined],
      ['send', 'event', 'iAdvize', 'Chat Offer Received', 'Free shipping', undefined],
      ['send', 'event', 'iAdvize', 'Chat Ended', 'visitor', 65],
    ]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('stopped processing Universal Analytics'));
  });

  it("gaLegacy(): _gaq.push(['_trackEvent', 'iAdvize', action, label]), the seed's own shape", () => {
    const { win, tag } = chatWith(gaLegacy());
    runChat(tag);
    expect((win as unknown as Host)._gaq).toEqual([
      ['_trackEvent', 'iAdvize', 'Chat Started', 'proactive'],
      ['_trackEvent', 'iAdvize', 'Chat Offer Received', 'Free shipping'],
      ['_trackEvent', 'iAdvize', 'Chat Ended', 'visitor', 65],
    ]);
  });

  it("matomo(): _paq.push(['trackEvent', 'iAdvize', action, name])", () => {
    const { win, tag } = chatWith(matomo());
    tag.fire('onCobrowsingAccepted');
    tag.fire('onChatStarted', { id: 1, startedBy: 'visitor' });
    expect((win as unknown as Host)._paq).toEqual([
      ['trackEvent', 'iAdvize', 'Chat Cobrowse Accepted'],
      ['trackEvent', 'iAdvize', 'Chat Started', 'visitor'],
    ]);
  });
});

describe('track-style tools', () => {
  it("segment(): analytics.track with Segment's Live Chat spec names", () => {
    const track = vi.fn();
    const { tag } = chatWith(segment({ events: ['chat:started', 'chat:ended', 'message:sent', 'message:received', 'offer:received'] }), {
      analytics: { track },
    });
    runChat(tag);
    tag.fire('onMessageSent', { msg: 'hello' });
    tag.fire('onMessageReceived', { msg: 'hi' });
    expect(track.mock.calls.map(([name]) => name as unknown)).toEqual([
      'Live Chat Conversation Started',
      'Live Chat Offer Received',
      'Live Chat Conversation Ended',
      'Live Chat Message Sent',
      'Live Chat Message Received',
    ]);
    expect(track.mock.calls[3][1]).toEqual({});
  });

  it.each([
    ['mixpanel', mixpanel, 'mixpanel', 'track', 'Chat Started'],
    ['amplitude', amplitude, 'amplitude', 'track', 'Chat Started'],
    ['posthog', posthog, 'posthog', 'capture', 'chat_started'],
  ] as const)('%s(): %s.%s(name, properties), from the page or a client passed in', (_n, factory, global, method, name) => {
    const fromPage = vi.fn();
    chatWith(factory(), { [global]: { [method]: fromPage } }).tag.fire('onChatStarted', { id: 1, startedBy: 'visitor' });
    expect(fromPage).toHaveBeenCalledWith(name, { started_by: 'visitor', chat_channel: 'chat' });
    const client = { [method]: vi.fn() } as never;
    chatWith(factory({ client })).tag.fire('onChatStarted', { id: 1 });
    expect((client as Record<string, ReturnType<typeof vi.fn>>)[method]).toHaveBeenCalledWith(name, { chat_channel: 'chat' });
  });

  it("plausible(): plausible('Chat Started', { props }), or a plausible-tracker's trackEvent", () => {
    const fn = vi.fn();
    chatWith(plausible(), { plausible: fn }).tag.fire('onCallStarted', null);
    expect(fn).toHaveBeenCalledWith('Chat Call Started', { props: {} });
    const trackEvent = vi.fn();
    chatWith(plausible({ client: { trackEvent } })).tag.fire('onSatisfactionAnswered', null);
    expect(trackEvent).toHaveBeenCalledWith('Chat Survey Answered', { props: {} });
  });

  it('adobeDataLayer(): adobeDataLayer.push({ event, eventInfo })', () => {
    const { win, tag } = chatWith(adobeDataLayer());
    tag.fire('onOfferReceived', { name: '2 for 1', url: 'https://x.example/?a=1' });
    expect((win as unknown as Host).adobeDataLayer).toEqual([
      { event: 'chat_offer_received', eventInfo: { offer_name: '2 for 1', offer_url: 'https://x.example/' } },
    ]);
  });

  it('custom(fn): fn(event, { name, params })', () => {
    const fn = vi.fn();
    chatWith(custom(fn)).tag.fire('onChatStarted', { id: 3, startedBy: 'operator' });
    expect(fn).toHaveBeenCalledWith(expect.objectContaining({ type: 'chat:started', chatId: '3' }), {
      name: 'chat_started',
      params: { started_by: 'operator', chat_channel: 'chat' },
    });
    expect(() => custom('nope' as never)).toThrow(/pass the function/);
  });
});

describe('options', () => {
  it('events replaces the default set; unknown types are a clear error at creation', () => {
    const gtag = vi.fn();
    const { tag } = chatWith(ga4({ events: ['message:sent'] }), { gtag });
    runChat(tag);
    tag.fire('onMessageSent', { msg: 'my email is jane@example.com' });
    expect(gtag.mock.calls).toEqual([['event', 'chat_message_sent', {}]]);
    expect(() => ga4({ events: ['chat:begun' as EventType] })).toThrow(/unknown event types in `events`: chat:begun/);
    expect(() => ga4({ events: 'chat:started' as never })).toThrow(/must be an array/);
  });

  it('name (map or function) and params rename and add', () => {
    const gtag = vi.fn();
    const { tag } = chatWith(
      ga4({
        name: { 'chat:started': 'live_chat_start' },
        params: (e): Record<string, string> => (e.type === 'chat:started' ? { page_type: 'product' } : {}),
      }),
      { gtag },
    );
    tag.fire('onChatStarted', { id: 1 });
    expect(gtag).toHaveBeenCalledWith('event', 'live_chat_start', { chat_channel: 'chat', page_type: 'product' });
    const track = vi.fn();
    chatWith(mixpanel({ name: (_e, name) => `iAdvize ${name}` }), { mixpanel: { track } }).tag.fire('onCallStarted', null);
    expect(track).toHaveBeenCalledWith('iAdvize Chat Call Started', {});
  });
});

describe('GA4 rules (ga4 and gtm)', () => {
  it.each([
    ['page_view', /reserved by Google/],
    ['google_chat', /reserved prefix "google_"/],
    ['ga_chat', /reserved prefix "ga_"/],
    ['firebase_x', /reserved prefix/],
    ['1chat', /start with a letter/],
    ['chat-started', /letters, digits and underscores/],
    ['a'.repeat(41), /longer than 40/],
  ])('a custom name %j is an error when the adapter is created', (name, message) => {
    expect(() => ga4({ name: { 'chat:started': name } })).toThrow(message);
    expect(() => gtm({ name: { 'chat:started': name } })).toThrow(message);
  });

  it('accepts a 40-character name, and other tools accept names GA4 would not', () => {
    expect(() => ga4({ name: { 'chat:started': 'a'.repeat(40) } })).not.toThrow();
    expect(() => mixpanel({ name: { 'chat:started': 'Chat: started!' } })).not.toThrow();
  });

  it('a bad name from a name function drops the event, counts it and says why', () => {
    const gtag = vi.fn();
    const onError = vi.fn();
    const adapter = ga4({ name: () => 'click' });
    const p = page({ adapters: [adapter], onError });
    Object.assign(p.win, { gtag });
    p.tag.fire('onChatStarted', { id: 1 });
    expect(gtag).not.toHaveBeenCalled();
    expect(adapter.stats.droppedInvalid).toBe(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('"click" is reserved') }), {
      source: 'plugin',
      type: 'chat:started',
      plugin: 'ga4',
    });
  });

  it('keeps at most 25 parameters with valid names and cuts values to 100 characters', () => {
    const gtag = vi.fn();
    const extra: Record<string, string> = { _private: 'x', 'bad-name': 'x', ga_thing: 'x', long: 'é'.repeat(150) };
    for (let i = 0; i < 30; i++) extra[`p${i}`] = String(i);
    const onError = vi.fn();
    const p = page({ adapters: [ga4({ params: () => extra })], onError });
    Object.assign(p.win, { gtag });
    p.tag.fire('onCallStarted', null);
    const params = gtag.mock.calls[0][2] as Record<string, string>;
    expect(Object.keys(params)).toHaveLength(25);
    expect(params.long).toHaveLength(100);
    expect(params).not.toHaveProperty('_private');
    expect(params).not.toHaveProperty('bad-name');
    expect(params).not.toHaveProperty('ga_thing');
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/drop the parameters _private, bad-name, ga_thing, p24/) }),
      expect.anything(),
    );
  });
});

describe('consent', () => {
  it('drops (not queues) and counts events while consent is false', () => {
    let granted = false;
    const gtag = vi.fn();
    const adapter = ga4({ consent: () => granted });
    const { tag } = chatWith(adapter, { gtag });
    tag.fire('onCallStarted', null);
    granted = true;
    tag.fire('onCallEnded', null);
    expect(gtag.mock.calls.map((call) => call[1] as unknown)).toEqual(['chat_call_ended']);
    expect(adapter.stats).toMatchObject({ sent: 1, droppedNoConsent: 1, pending: 0 });
  });

  it('a consent function that throws counts as no consent', () => {
    const gtag = vi.fn();
    const adapter = ga4({
      consent: () => {
        throw new Error('CMP not ready');
      },
    });
    chatWith(adapter, { gtag }).tag.fire('onCallStarted', null);
    expect(gtag).not.toHaveBeenCalled();
    expect(adapter.stats.droppedNoConsent).toBe(1);
  });
});

describe('a consent source', () => {
  const gcm = () => googleConsentMode({ types: ['analytics_storage'] });
  const consentCommand = (win: Window, value: string) =>
    ((win as unknown as { dataLayer: unknown[] }).dataLayer ??= []).push(['consent', 'update', { analytics_storage: value }]);

  it("forwards only while the source says granted on the adapter's window; undecided and denied events are dropped, never sent later", () => {
    const gtag = vi.fn();
    const adapter = ga4({ consent: gcm() });
    const { win, tag } = chatWith(adapter, { gtag });
    // Granted on another window is not granted on this one.
    consentCommand(window, 'granted');
    tag.fire('onCallStarted', null);
    consentCommand(win, 'granted');
    tag.fire('onCallEnded', null);
    consentCommand(win, 'denied');
    tag.fire('onCallStarted', null);
    consentCommand(win, 'granted');
    vi.advanceTimersByTime(60_000);
    expect(gtag.mock.calls.map((call) => call[1] as unknown)).toEqual(['chat_call_ended']);
    expect(adapter.stats).toMatchObject({ sent: 1, droppedNoConsent: 2, pending: 0 });
  });

  it('starts following the consent tool when the adapter is added, so the first event finds its answer', () => {
    const win = newWindow();
    const tcfapi = vi.fn((_command: string, _version: number, callback: (data: unknown, success: boolean) => void) =>
      setTimeout(() => callback({ gdprApplies: true, eventStatus: 'tcloaded', purpose: { consents: { 1: true } } }, true)),
    );
    Object.assign(win, { __tcfapi: tcfapi, gtag: vi.fn() });
    const adapter = ga4({ consent: tcf() });
    const { tag } = page({ adapters: [adapter], win });
    expect(tcfapi).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(0);
    tag.fire('onCallStarted', null);
    expect(adapter.stats).toMatchObject({ sent: 1, droppedNoConsent: 0 });
  });

  it('never calls gtag("consent", ...) nor writes a consent command, whatever the source says', () => {
    const gtag = vi.fn();
    const { win, tag } = chatWith(ga4({ consent: gcm() }), { gtag });
    for (const value of ['denied', 'granted', 'denied', 'granted']) {
      consentCommand(win, value);
      tag.fire('onCallStarted', null);
    }
    vi.advanceTimersByTime(60_000);
    expect(gtag.mock.calls.map((call) => call[0] as unknown)).toEqual(['event', 'event']);
    expect((win as unknown as { dataLayer: unknown[] }).dataLayer).toHaveLength(4);
  });

  it('says where it is made that `consent` is neither a source nor a function', () => {
    for (const value of [true, 'tcf', {}, Promise.resolve(true)])
      expect(() => ga4({ consent: value as never })).toThrow('ga4(): `consent` must be a consent source (tcf(), ...) or a function');
    expect(() => ga4({ consent: tcf() })).not.toThrow();
  });

  it('says so when given the function that makes a source (`tcf`, not `tcf()`)', () => {
    const onError = vi.fn();
    const adapter = ga4({ consent: tcf as never });
    const p = page({ adapters: [adapter], onError });
    p.tag.fire('onCallStarted', null);
    expect(adapter.stats.droppedNoConsent).toBe(1);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'iadvize-bridge ga4(): `consent` takes tcf({"purposes":[1]}), not tcf' }),
      expect.anything(),
    );
  });
});

describe('a tool that is not there yet', () => {
  it('holds events and delivers them in order once the tool appears; no timer when nothing waits', () => {
    const adapter = ga4({ events: ['message:sent'] });
    const { win, tag } = chatWith(adapter);
    expect(vi.getTimerCount()).toBe(0);
    for (let i = 0; i < 3; i++) tag.fire('onMessageSent', { msg: String(i) });
    expect(adapter.stats.pending).toBe(3);
    expect(vi.getTimerCount()).toBe(1);
    const gtag = vi.fn();
    Object.assign(win, { gtag });
    vi.advanceTimersByTime(300);
    expect(gtag).toHaveBeenCalledTimes(3);
    expect(adapter.stats).toMatchObject({ sent: 3, pending: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('delivers waiting events before a new one when the tool arrives between events', () => {
    const adapter = ga4({ events: ['rule:started'] });
    const { win, tag } = chatWith(adapter);
    tag.fire('onRuleStarted', { id: 1, label: 'first' });
    const gtag = vi.fn();
    Object.assign(win, { gtag });
    tag.fire('onRuleStarted', { id: 2, label: 'second' });
    expect(gtag.mock.calls.map((call) => (call[2] as { rule_label?: string }).rule_label)).toEqual(['first', 'second']);
  });

  it(`holds at most ${QUEUE_LIMIT} events; the rest are dropped and counted`, () => {
    const adapter = ga4({ events: ['message:sent'] });
    const { win, tag } = chatWith(adapter);
    for (let i = 0; i < QUEUE_LIMIT + 7; i++) tag.fire('onMessageSent', { msg: String(i) });
    expect(adapter.stats).toMatchObject({ pending: QUEUE_LIMIT, droppedQueueFull: 7 });
    const gtag = vi.fn();
    Object.assign(win, { gtag });
    vi.advanceTimersByTime(300);
    expect(gtag).toHaveBeenCalledTimes(QUEUE_LIMIT);
  });

  it(`drops events that waited more than ${QUEUE_MS / 1000} s, then stops looking`, () => {
    const adapter = ga4();
    const { win, tag } = chatWith(adapter);
    tag.fire('onCallStarted', null);
    vi.advanceTimersByTime(QUEUE_MS + 500);
    expect(adapter.stats).toMatchObject({ pending: 0, droppedExpired: 1, sent: 0 });
    expect(vi.getTimerCount()).toBe(0);
    const gtag = vi.fn();
    Object.assign(win, { gtag });
    tag.fire('onCallEnded', null);
    expect(gtag.mock.calls.map((call) => call[1] as unknown)).toEqual(['chat_call_ended']);
  });

  it('destroy() stops the timer and forgets waiting events', () => {
    const adapter = ga4();
    const { bridge, tag } = chatWith(adapter);
    tag.fire('onCallStarted', null);
    bridge.destroy();
    expect(vi.getTimerCount()).toBe(0);
    expect(adapter.stats.pending).toBe(0);
  });
});

describe('a tool that is there but broken', () => {
  it('a tool whose method getter throws: onError is told once, the queue does not stick, events expire and are counted', () => {
    const onError = vi.fn();
    const adapter = mixpanel();
    const { win, tag } = page({ adapters: [adapter], onError });
    Object.defineProperty(win, 'mixpanel', {
      configurable: true,
      get: () => ({
        get track(): never {
          throw new Error('getter trap');
        },
      }),
    });
    expect(() => tag.fire('onChatStarted', { id: 1 })).not.toThrow();
    expect(() => vi.advanceTimersByTime(RETRY_MS * 10)).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0][1]).toMatchObject({ source: 'plugin', plugin: 'mixpanel' });
    expect(adapter.stats.pending).toBe(1);
    vi.advanceTimersByTime(QUEUE_MS + RETRY_MS * 2);
    expect(adapter.stats).toMatchObject({ pending: 0, droppedExpired: 1, sent: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('isolation', () => {
  it('a tool that throws affects neither other adapters, nor listeners, nor the tag', () => {
    const onError = vi.fn();
    const failing = ga4();
    const p = page({ adapters: [failing, gtm()], onError });
    Object.assign(p.win, {
      gtag: () => {
        throw new Error('gtag broke');
      },
    });
    const listener = vi.fn();
    p.bridge.on('chat:started', listener);
    expect(() => p.tag.fire('onChatStarted', { id: 1 })).not.toThrow();
    expect(listener).toHaveBeenCalled();
    expect((p.win as unknown as Host).dataLayer).toHaveLength(2);
    expect(failing.stats.failed).toBe(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'gtag broke' }), {
      source: 'plugin',
      type: 'chat:started',
      plugin: 'ga4',
    });
  });
});

describe('privacy by default', () => {
  // Everything personal a tag can send, in every field that can carry it.
  const SECRETS = [
    'jane',
    'example.com',
    'SECRET-TOKEN',
    'visitor-uuid-77',
    'op-31',
    'crm-9',
    'hist-5',
    'order-4242',
    'password',
    '612345678',
    'jsessionid',
    'ABC123',
    '4111',
  ];
  const CHAT_ID = '8880001';
  const CONVERSATION_ID = '5f0c8a52-1111-4222-8333-444455556666';

  function fireEverything(tag: ReturnType<typeof page>['tag']) {
    tag.fire('onChatStarted', { id: CHAT_ID, conversationId: CONVERSATION_ID, vuid: 'visitor-uuid-77', startedBy: 'visitor' });
    tag.fire('onMessageSent', { time: '10:00', msg: 'I am jane@example.com, order-4242' });
    tag.fire('onMessageReceived', { time: '10:01', msg: 'Thanks jane@example.com', operator: { id: 'op-31', externalId: 'crm-9' } });
    tag.fire('onAlertReceived', { time: '10:02', msg: 'jane@example.com left' });
    tag.fire('onOfferReceived', { name: 'Promo', url: 'https://shop.example/cart?token=SECRET-TOKEN&email=jane@example.com' });
    tag.fire('onOfferReceived', { name: 'Card', url: 'https://shop.example/pay/4111-1111-1111-1111;jsessionid=ABC123' });
    for (const url of [
      'https://shop.example/orders/view?id=order-4242#SECRET-TOKEN',
      'mailto:jane.doe@example.com',
      'tel:+33612345678',
      'https://jane:password@shop.example/account',
      'https://shop.example/u/jane.doe%40example.com/orders',
      'jane:password@host',
    ]) {
      tag.fire('onLinkReceived', { name: 'Your order', url, push: 1 });
    }
    tag.fire('onVisitorTransferred', { operatorId: 'op-31', historyId: 'hist-5' });
    tag.fire('onSatisfactionAnswered', { comment: 'jane@example.com was happy' });
    tag.fire('onChatEnded', { id: CHAT_ID, conversationId: CONVERSATION_ID, vuid: 'visitor-uuid-77', endedBy: 'operator' });
    // A tag (or site code) that puts an email where the ids go.
    tag.fire('onChatStarted', { id: 'jane@example.com', conversationId: 'jane@example.com' });
    tag.fire('onChatEnded', { id: 'jane@example.com', conversationId: 'order-4242' });
    for (const name of [
      'onChatDisplayed',
      'onRuleStarted',
      'onInvitationDisplayed',
      'onStatusChanged',
      'onCallStarted',
      'onCallEnded',
    ] as const) {
      tag.fire(name, { id: 1, label: 'rule', offline: 0, busy: 0 });
    }
  }

  const allAdapters = (options: { includeIds?: boolean }, sink: unknown[]) => [
    ga4({ events: EVENT_TYPES, ...options }),
    gtm({ events: EVENT_TYPES, ...options }),
    universalAnalytics({ events: EVENT_TYPES, ...options }),
    gaLegacy({ events: EVENT_TYPES, ...options }),
    matomo({ events: EVENT_TYPES, ...options }),
    segment({ events: EVENT_TYPES, ...options }),
    adobeDataLayer({ events: EVENT_TYPES, ...options }),
    mixpanel({ events: EVENT_TYPES, ...options }),
    amplitude({ events: EVENT_TYPES, ...options }),
    posthog({ events: EVENT_TYPES, ...options }),
    plausible({ events: EVENT_TYPES, ...options }),
    custom((_event, mapped) => sink.push(mapped), { events: EVENT_TYPES, ...options }),
  ];

  function everythingSent(includeIds: boolean): string {
    const sink: unknown[] = [];
    const record = (...args: unknown[]) => sink.push(args);
    const p = page({ adapters: allAdapters({ includeIds }, sink) });
    Object.assign(p.win, {
      gtag: record,
      ga: record,
      analytics: { track: record },
      mixpanel: { track: record },
      amplitude: { track: record },
      posthog: { capture: record },
      plausible: record,
    });
    fireEverything(p.tag);
    const host = p.win as unknown as Host;
    return JSON.stringify([sink, host.dataLayer, host._gaq, host._paq, host.adobeDataLayer]);
  }

  it('sends no text, identifier, user info, query, fragment or matrix parameter to any tool, with every event turned on', () => {
    const sent = everythingSent(false);
    expect(sent.length).toBeGreaterThan(2000);
    for (const secret of [...SECRETS, CHAT_ID, CONVERSATION_ID]) expect(sent).not.toContain(secret);
    expect(sent).toContain('"https://shop.example/orders/view"');
    expect(sent).toContain('"https://shop.example/cart"');
    expect(sent).toContain('"https://shop.example/pay/[number]"');
    expect(sent).toContain('"https://shop.example/u/[email]/orders"');
    expect(sent).toContain('"https://shop.example/account"');
    expect(sent).toContain('"mailto:"');
    expect(sent).toContain('"tel:"');
  });

  it('includeIds opts in to digit chat ids and UUID conversation ids, and nothing else', () => {
    const sent = everythingSent(true);
    expect(sent).toContain(`"chat_id":"${CHAT_ID}"`);
    expect(sent).toContain(`"conversation_id":"${CONVERSATION_ID}"`);
    for (const secret of SECRETS) expect(sent).not.toContain(secret);
  });
});
