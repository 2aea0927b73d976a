/**
 * The argument shapes the tag passes to each callback, in the two generations the contract knows:
 * `2017` (the seed documentation: `startedBy: 'proactif'`, `endedBy`, `{ time, msg }`) and `2022`
 * (iAdvize's later docs: `conversationId`, `vuid`, `date`, `operator`, no `startedBy`/`endedBy`).
 */
export type PayloadGeneration = '2017' | '2022';

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
  return generation === '2017' ? { id: chat.chatId, endedBy } : { id: chat.chatId };
}

export function operatorMessage(generation: PayloadGeneration, chat: ChatFacts, msg: string, now = new Date()): object {
  return generation === '2017'
    ? { time: clock(now), msg }
    : { time: clock(now), date: localIso(now), msg, operator: { id: chat.operatorId, externalId: null } };
}

export const visitorMessage = (msg: string, now = new Date()): object => ({ time: clock(now), msg });
export const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);
