import type { TagSimulator } from './simulator.js';

/** A scenario step: wait `delayMs` (scaled by the simulator's speed), then act. */
export type Step = readonly [delayMs: number, action: (tag: TagSimulator) => void];

export type ScenarioName = 'proactive-chat' | 'call' | 'agents-offline';

/**
 * Whole flows with realistic timing, in the order a visitor lives them, with every callback a 2017
 * tag fires: what `run()` plays as a `2017` or `2022` tag.
 */
export const SCENARIOS: Record<ScenarioName, readonly Step[]> = {
  'proactive-chat': [
    [0, (tag) => tag.setAvailability({ chat: { offline: false, busy: false } })],
    [200, (tag) => tag.fire('onChatButtonDisplayed', null)],
    [800, (tag) => tag.fire('onRuleStarted', { id: 12, label: 'Cart over 100 EUR' })],
    [100, (tag) => tag.fire('onInvitationDisplayed', { id: 4 })],
    [1500, (tag) => tag.fire('onChatDisplayed', null)],
    [300, (tag) => tag.startChat('proactive')],
    [300, (tag) => tag.fire('onOperatorWriting', null)],
    [1200, (tag) => tag.fire('onOperatorStopWriting', null)],
    [0, (tag) => tag.operatorSays('Hello! Can I help you choose a size?')],
    [900, (tag) => tag.fire('onVisitorWriting', null)],
    [1800, (tag) => tag.fire('onVisitorStopWriting', null)],
    [0, (tag) => tag.visitorSays('Yes, do you ship to Spain?')],
    [600, (tag) => tag.fire('onOperatorWriting', null)],
    [1400, (tag) => tag.fire('onOperatorStopWriting', null)],
    [0, (tag) => tag.operatorSays('We do, in 3 days. Here is a free shipping offer.')],
    [400, (tag) => tag.fire('onOfferReceived', { name: 'Free shipping', url: 'https://shop.example/cart?code=SHIPFREE' })],
    [700, (tag) => tag.fire('onLinkReceived', { name: 'Size guide', url: 'https://shop.example/size-guide?ref=chat', push: true })],
    [1500, (tag) => tag.fire('onVisitorTransferred', { operatorId: 32, historyId: 9_001 })],
    [800, (tag) => tag.fire('onCobrowsingRequested')],
    [1200, (tag) => tag.fire('onCobrowsingAccepted')],
    [3000, (tag) => tag.fire('onCobrowsingStopped')],
    [500, (tag) => tag.fire('onAlertReceived', { time: '12:00', msg: 'The agent closed the conversation' })],
    [100, (tag) => tag.endChat('operator')],
    [300, (tag) => tag.fire('onSatisfactionDisplayed')],
    [2500, (tag) => tag.fire('onSatisfactionAnswered', null)],
    [500, (tag) => tag.fire('onChatHidden')],
  ],
  call: [
    [0, (tag) => tag.setAvailability({ call: { offline: false } })],
    [200, (tag) => tag.fire('onCallButtonDisplayed', null)],
    [100, (tag) => tag.fire('onVideoButtonDisplayed', null)],
    [2000, (tag) => tag.fire('onCallStarted', null)],
    [5000, (tag) => tag.fire('onCallEnded', null)],
  ],
  'agents-offline': [
    [0, (tag) => tag.setAvailability({ chat: { offline: false, busy: true } })],
    [1500, (tag) => tag.setAvailability({ chat: { offline: true, busy: false }, call: { offline: true } })],
  ],
};

/**
 * The same flows as a current tag lives them, what `run()` plays by default: only the ten callbacks
 * iAdvize still documents. A current tag says nothing of availability, calls starting or ending, rules,
 * typing, offers or cobrowsing, so the call and the agents going offline show as the buttons and the
 * chat window the visitor sees.
 */
export const CURRENT_SCENARIOS: Record<ScenarioName, readonly Step[]> = {
  'proactive-chat': [
    [200, (tag) => tag.fire('onChatButtonDisplayed', null)],
    [1000, (tag) => tag.fire('onChatDisplayed', null)], // the proactive invitation opens the chat window
    [300, (tag) => tag.startChat('proactive')],
    [1200, (tag) => tag.operatorSays('Hello! Can I help you choose a size?')],
    [1800, (tag) => tag.visitorSays('Yes, do you ship to Spain?')],
    [1400, (tag) => tag.operatorSays('We do, in 3 days. Shipping is free over 100 EUR.')],
    [1500, (tag) => tag.endChat('operator')],
    [300, (tag) => tag.fire('onSatisfactionDisplayed')],
    [2500, (tag) => tag.fire('onSatisfactionAnswered', null)],
    [500, (tag) => tag.fire('onChatHidden')],
  ],
  call: [
    [200, (tag) => tag.fire('onCallButtonDisplayed', null)],
    [1500, (tag) => tag.fire('onChatDisplayed', null)], // the visitor opens the window to be called
    [3000, (tag) => tag.fire('onChatHidden')], // the call itself: no callback
  ],
  'agents-offline': [
    [200, (tag) => tag.fire('onChatButtonDisplayed', null)],
    [1000, (tag) => tag.fire('onChatDisplayed', null)],
    [1500, (tag) => tag.fire('onChatHidden')], // no agent left: the tag closes the window, and shows no button again
  ],
};
