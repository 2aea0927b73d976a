// Checked by `npm run typecheck` (tsc), never run: the types are part of the API.
import { CALLBACKS, OTHER_EVENTS, install, type BridgeEvent, type EventMap, type EventType } from '../src/index.js';

declare const bridge: ReturnType<typeof install>;

// Payloads are inferred from the event map.
bridge.on('chat:started', (e) => {
  const chatId: string = e.chatId;
  const startedBy: 'operator' | 'visitor' | 'proactive' | undefined = e.startedBy;
  const at: number = e.at;
  void [chatId, startedBy, at];
});
bridge.on('chat:availability', (e) => {
  const offline: boolean = e.offline;
  void offline;
});
bridge.once('link:received', (e) => void (e.pushed satisfies boolean));

// '*' receives the union, narrowed by `type`.
bridge.on('*', (e) => {
  if (e.type === 'message:received') void (e.text satisfies string);
  // @ts-expect-error: not every event has a chatId
  void e.chatId;
});

// @ts-expect-error: unknown event name
bridge.on('chat:start', () => {});
// @ts-expect-error: field of another event
bridge.on('chat:started', (e) => e.durationMs);
// @ts-expect-error: events are read-only
bridge.on('chat:started', (e) => (e.chatId = 'x'));
// @ts-expect-error: the state is read-only
bridge.state.chat.active = true;
// @ts-expect-error: options are typed
install({ debug: 'yes' });

// The callback table and the other events cover exactly the event map.
type FromCallbacks = (typeof CALLBACKS)[keyof typeof CALLBACKS];
const everyEventIsListed: [Exclude<EventType, FromCallbacks | (typeof OTHER_EVENTS)[number]>] extends [never] ? true : false = true;
const everyCallbackHasAnEvent: [Exclude<FromCallbacks, keyof EventMap>] extends [never] ? true : false = true;
void [everyEventIsListed, everyCallbackHasAnEvent];

const one: BridgeEvent<'offer:received'> = { type: 'offer:received', at: 0, raw: null, name: 'n', url: 'u' };
void one;

// The Web SDK is typed from one property map.
async function sdkTypes() {
  const version: 'LIGHT' | 'FULL' = await bridge.sdk.get('tag:version');
  const consent: boolean | null = await bridge.sdk.get('visitor:GDPRConsent');
  // @ts-expect-error: unknown property
  await bridge.sdk.get('visitor:email');
  // @ts-expect-error: amount is a number
  bridge.sdk.recordTransaction({ id: 'x', amount: '10' });
  bridge.on('consent:changed', (e) => void (e.kind satisfies 'cookies' | 'gdpr'));
  void [version, consent];
}
void sdkTypes;
