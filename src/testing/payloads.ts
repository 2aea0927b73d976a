import type { CallbackName } from '../core/events.js';

/**
 * What the tag sends, in the generations iAdvize's documentation went through:
 * - `current` (the documentation since 2023): `onChatStarted` and `onChatEnded` pass `{ id,
 *   conversationId, vuid }`, messages carry `date` and `operator`, the consent getters answer
 *   `true`, `false` or `null`, and only the ten callbacks still documented are fired in scenarios;
 * - `2022`: the same chat start, `onChatEnded({ id })`, consents answered as strings;
 * - `2017` (the seed documentation): `startedBy: 'proactif'`, `endedBy`, `{ time, msg }`.
 */
export type PayloadGeneration = 'current' | '2022' | '2017';
export const GENERATIONS: readonly PayloadGeneration[] = ['current', '2022', '2017'];

/** The callbacks iAdvize still documents; since 2021 a current tag may never fire the others. */
export const DOCUMENTED_TODAY: readonly CallbackName[] = [
  'onChatDisplayed',
  'onChatHidden',
  'onChatButtonDisplayed',
  'onChatStarted',
  'onChatEnded',
  'onCallButtonDisplayed',
  'onMessageReceived',
  'onMessageSent',
  'onSatisfactionDisplayed',
  'onSatisfactionAnswered',
];

export interface ChatFacts {
  chatId: number;
  conversationId: string;
  visitorId: string;
  startedBy: 'operator' | 'visitor' | 'proactive';
  operatorId: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;
const localIso = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${clock(date)}:${pad(date.getSeconds())}`;

export function chatStarted(generation: PayloadGeneration, chat: ChatFacts): object {
  return generation === '2017'
    ? { id: chat.chatId, startedBy: chat.startedBy === 'proactive' ? 'proactif' : chat.startedBy }
    : { id: chat.chatId, conversationId: chat.conversationId, vuid: chat.visitorId };
}

export function chatEnded(generation: PayloadGeneration, chat: ChatFacts, endedBy: 'operator' | 'visitor'): object {
  if (generation === '2017') return { id: chat.chatId, endedBy };
  return generation === '2022' ? { id: chat.chatId } : { id: chat.chatId, conversationId: chat.conversationId, vuid: chat.visitorId };
}

/** A consent as the tag's `get` answers it: booleans or null since 2023, strings before. */
export function consentAnswer(generation: PayloadGeneration, value: boolean | null): unknown {
  if (generation === 'current') return value;
  return value === null ? 'unknown' : String(value);
}

export function operatorMessage(generation: PayloadGeneration, chat: ChatFacts, msg: string, now = new Date()): object {
  return generation === '2017'
    ? { time: clock(now), msg }
    : { time: clock(now), date: localIso(now), msg, operator: { id: chat.operatorId, externalId: null } };
}

export const visitorMessage = (msg: string, now = new Date()): object => ({ time: clock(now), msg });
export const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);
