import { describe, expect, it, vi } from 'vitest';
import { CALLBACKS, install, virtualAgent, webSdk, type BridgeEvent } from '../../src/index.js';
import { createTagSimulator, CURRENT_SCENARIOS, DOCUMENTED_TODAY, SCENARIOS, type PayloadGeneration } from '../../src/testing/index.js';
import { newWindow } from '../helpers.js';

function page(lookup: 'late' | 'boot', payloads: PayloadGeneration) {
  const win = newWindow();
  const bridge = install({ window: win, plugins: [webSdk()] });
  const events: BridgeEvent[] = [];
  bridge.on('*', (e) => events.push(e as BridgeEvent));
  const tag = createTagSimulator({ window: win, lookup, payloads, speed: 0 });
  return { win, bridge, events, tag };
}

describe.each([
  ['late', 'current'],
  ['boot', 'current'],
  ['late', '2022'],
  ['boot', '2022'],
  ['late', '2017'],
  ['boot', '2017'],
] as const)('tag simulator, lookup %s, payloads %s', (lookup, payloads) => {
  it('plays the proactive chat from invitation to satisfaction, every event once and in order', async () => {
    const { bridge, events, tag } = page(lookup, payloads);
    await tag.run('proactive-chat');
    const everything = [
      'chat:availability',
      'chat:button-displayed',
      'rule:started',
      'invitation:displayed',
      'chat:displayed',
      'chat:started',
      'operator:typing-started',
      'operator:typing-stopped',
      'message:received',
      'visitor:typing-started',
      'visitor:typing-stopped',
      'message:sent',
      'operator:typing-started',
      'operator:typing-stopped',
      'message:received',
      'offer:received',
      'link:received',
      'visitor:transferred',
      'cobrowsing:requested',
      'cobrowsing:accepted',
      'cobrowsing:stopped',
      'alert:received',
      'chat:ended',
      'satisfaction:displayed',
      'satisfaction:answered',
      'chat:hidden',
    ];
    // A current tag fires only the ten callbacks iAdvize still documents: its own flow, nothing skipped.
    const documented = new Set(DOCUMENTED_TODAY.map((name) => CALLBACKS[name]));
    expect(events.map((e) => e.type)).toEqual(
      payloads === 'current' ? everything.filter((type) => documented.has(type as never)) : everything,
    );
    expect(tag.seen.skipped).toEqual([]);
    const started = events.find((e) => e.type === 'chat:started')!;
    if (payloads === '2017') expect(started).toMatchObject({ chatId: '8000001', startedBy: 'proactive' });
    else expect(started).toMatchObject({ chatId: '8000001', conversationId: expect.any(String), visitorId: 'vuid-simulated-visitor' });
    expect(started).toMatchObject({ resumed: false });
    const ended = events.find((e) => e.type === 'chat:ended')!;
    if (payloads === 'current')
      expect(ended).toMatchObject({
        chatId: '8000001',
        conversationId: (started as { conversationId?: string }).conversationId,
        visitorId: 'vuid-simulated-visitor',
      });
    else expect(ended).not.toHaveProperty('conversationId');
    expect(ended).toMatchObject({ durationMs: expect.any(Number) });
    const received = events.find((e) => e.type === 'message:received')!;
    if (payloads !== '2017') expect(received).toMatchObject({ operatorId: '31', date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(bridge.state.chat).toMatchObject({ active: false, chatId: '8000001', messagesSent: 1, messagesReceived: 2 });
    expect(bridge.state.cobrowsing).toBe(false);
    expect(tag.seen.errors).toEqual([]);
  });

  it('answers consents as the tag of its generation does: booleans or null since 2023, strings before', async () => {
    const { win, bridge, tag } = page(lookup, payloads);
    tag.load();
    const answers: unknown[] = [];
    const ask = () =>
      (win as unknown as { iAdvizeInterface: Array<(sdk: { get(p: string): unknown }) => void> }).iAdvizeInterface.push((sdk) =>
        answers.push(sdk.get('visitor:GDPRConsent')),
      );
    ask();
    bridge.sdk.setConsent({ gdpr: true });
    ask();
    expect(answers).toEqual(payloads === 'current' ? [null, true] : ['unknown', 'true']);
    await expect(bridge.sdk.get('visitor:GDPRConsent')).resolves.toBe(true);
  });

  it('plays a call and agents going offline (a current tag shows only its buttons and window)', async () => {
    const { bridge, events, tag } = page(lookup, payloads);
    await tag.run('call');
    await tag.run('agents-offline');
    if (payloads === 'current') {
      expect(events.map((e) => e.type)).toEqual([
        'call:button-displayed',
        'chat:displayed',
        'chat:hidden',
        'chat:button-displayed',
        'chat:displayed',
        'chat:hidden',
      ]);
      expect(tag.seen.skipped).toEqual([]);
      return;
    }
    expect(events.map((e) => e.type)).toEqual([
      'call:availability',
      'call:button-displayed',
      'video:button-displayed',
      'call:started',
      'call:ended',
      'chat:availability',
      'chat:availability',
      'call:availability',
    ]);
    expect(bridge.state.availability).toEqual({ chat: { offline: true, busy: false }, call: { offline: true } });
  });
});

describe('tag simulator', () => {
  it('records vaSCI at chat start, and serves the Web SDK queue', () => {
    const win = newWindow();
    const bridge = install({ window: win, plugins: [webSdk(), virtualAgent()] });
    bridge.virtualAgent.handoff('bot-1');
    bridge.sdk.recordTransaction({ id: 't1', amount: 10 });
    (win as unknown as { iAdvizeInterface: { config?: object } }).iAdvizeInterface.config = { sid: 42 };
    const tag = createTagSimulator({ window: win });
    tag.load();
    bridge.sdk.navigate('/after');
    tag.startChat();
    expect(tag.seen.vaSCI).toEqual(['bot-1']);
    expect(tag.seen.transactions).toEqual([{ id: 't1', amount: 10 }]);
    expect(tag.seen.navigations).toEqual(['/after']);
    expect(tag.seen.config).toEqual({ sid: 42 });
  });

  it('refuses to fire before load, and rejects unknown scenarios and options', async () => {
    const tag = createTagSimulator({ window: newWindow() });
    expect(() => tag.fire('onChatStarted', {})).toThrow(/load\(\) the tag/);
    await expect(tag.run('nope' as never)).rejects.toThrow(/unknown scenario "nope"/);
    expect(() => createTagSimulator({ window: newWindow(), lookup: 'sometimes' as never })).toThrow(/lookup/);
  });

  it('leaves out, and records, the callbacks a current tag no longer fires when it plays your own steps', async () => {
    const tag = createTagSimulator({ window: newWindow(), speed: 0 });
    await tag.run([
      [0, (t) => t.fire('onOfferReceived', { name: 'n', url: 'u' })],
      [0, (t) => t.fire('onChatDisplayed', null)],
    ]);
    expect({ skipped: tag.seen.skipped, fired: tag.seen.callbacks.map((call) => call.name) }).toEqual({
      skipped: ['onOfferReceived'],
      fired: ['onChatDisplayed'],
    });
  });

  it('times scenarios realistically at speed 1', async () => {
    vi.useFakeTimers();
    const tag = createTagSimulator({ window: newWindow(), speed: 1, payloads: '2022' });
    const done = tag.run('agents-offline');
    await vi.advanceTimersByTimeAsync(1000);
    expect(tag.seen.callbacks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(600);
    await done;
    expect(tag.seen.callbacks).toHaveLength(3);
    vi.useRealTimers();
    expect(Object.keys(SCENARIOS)).toEqual(['proactive-chat', 'call', 'agents-offline']);
    expect(Object.keys(CURRENT_SCENARIOS)).toEqual(Object.keys(SCENARIOS));
  });
});
