// Checked by `npm run typecheck` (tsc), never run: the types are part of the API.
import type { CALLBACKS, OTHER_EVENTS } from '../src/index.js';
import {
  chatLink,
  custom,
  EVENT_TYPES,
  ga4,
  gtm,
  iadvizeTag,
  install,
  matomo,
  virtualAgent,
  webSdk,
  type Adapter,
  type AnalyticsAdapter,
  type AnyPlugin,
  type BridgeEvent,
  type CoreEvents,
  type EventMap,
  type EventType,
  type InstallOptions,
  type Plugin,
} from '../src/index.js';

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
bridge.on('chat:started', (e) => e.durationMs); // eslint-disable-line @typescript-eslint/no-unsafe-return -- the type error is the test
// @ts-expect-error: events are read-only
bridge.on('chat:started', (e) => (e.chatId = 'x'));
// @ts-expect-error: the state is read-only
bridge.state.chat.active = true;
// @ts-expect-error: options are typed
install({ debug: 'yes' });

// The callback table covers exactly the core's event map; the deprecated lists still name what they named.
type FromCallbacks = (typeof CALLBACKS)[keyof typeof CALLBACKS];
const everyCoreEventHasACallback: [Exclude<keyof CoreEvents, FromCallbacks>] extends [never] ? true : false = true;
const everyCallbackHasAnEvent: [Exclude<FromCallbacks, keyof CoreEvents>] extends [never] ? true : false = true;
const otherEventsAreKnown: [Exclude<(typeof OTHER_EVENTS)[number], keyof EventMap>] extends [never] ? true : false = true;
void [everyCoreEventHasACallback, everyCallbackHasAnEvent, otherEventsAreKnown];

// Plugins own their events: tag:* exist on a bridge only with iadvizeTag(), and so for an adapter's view of them.
// @ts-expect-error: tag:failed belongs to iadvizeTag()
bridge.on('tag:failed', () => {});
const withTag = install({ plugins: [iadvizeTag({ sid: 1234 }), ga4({ events: ['chat:started', 'tag:failed'] })] });
withTag.on('tag:failed', (e) => void (e.src satisfies string));
withTag.tag.load();
// @ts-expect-error: ga4 forwards tag:failed, which only iadvizeTag() emits
install({ plugins: [ga4({ events: ['chat:started', 'tag:failed'] })] });
// @ts-expect-error: the same through use()
bridge.use(matomo({ events: ['tag:loaded'] }));
bridge.use(iadvizeTag({ sid: 1 })).use(matomo({ events: ['tag:loaded'] }));
// @ts-expect-error: an event no plugin declares
ga4({ events: ['tag:faild'] });
// A plugin's send sees every event the program knows, the plugins' included.
const tagWatcher: Plugin = { name: 'tag-watcher', send: (e) => void (e.type === 'tag:failed' && (e.src satisfies string)) };
// Core events and lists typed as wide as EventType ask for no plugin; a typed adapter list keeps compiling.
install({ plugins: [ga4({ events: ['chat:started', 'chat:ended'] }), tagWatcher] });
const wide: readonly EventType[] = ['chat:started'];
install({ plugins: [ga4({ events: wide })] });
const adapters: AnalyticsAdapter[] = [ga4({ events: ['tag:failed'] }), gtm()];
install({ plugins: adapters });
// 0.1.0's EVENT_TYPES (every core event, then the shipped plugins') means everything there is: no plugin asked for.
install({ plugins: [ga4({ events: EVENT_TYPES })] });
install({ plugins: [gtm({ events: EVENT_TYPES })] as const }).use(custom(() => {}, { events: EVENT_TYPES }));
// `adapters` is checked like `plugins`, against the plugins of the same call.
// @ts-expect-error: ga4 forwards tag:failed, which only iadvizeTag() emits
install({ adapters: [ga4({ events: ['tag:failed'] })] });
install({ plugins: [iadvizeTag({ sid: 1 })], adapters: [ga4({ events: ['tag:failed'] })] });
const someOptions: InstallOptions = { adapters: [ga4()] };
install(someOptions);
// A 0.1.0 plugin with a `needs` field of its own still fits.
const ownNeeds = { name: 'own-needs', needs: ['orders'], send: () => {} };
install({ plugins: [ownNeeds] });

const one: BridgeEvent<'offer:received'> = { type: 'offer:received', at: 0, raw: null, name: 'n', url: 'u' };
void one;

// A plugin's API and events exist, typed, only when it is installed.
// @ts-expect-error: no webSdk() plugin, no bridge.sdk
void bridge.sdk;
// @ts-expect-error: no virtualAgent() plugin, no bridge.virtualAgent
void bridge.virtualAgent;
// @ts-expect-error: consent:changed belongs to webSdk()
bridge.on('consent:changed', () => {});

const withPlugins = install({ plugins: [webSdk({ followNavigation: true }), virtualAgent(), ga4()] });
async function pluginTypes() {
  const version: 'LIGHT' | 'FULL' = await withPlugins.sdk.get('tag:version');
  const consent: boolean | null = await withPlugins.sdk.get('visitor:GDPRConsent');
  // @ts-expect-error: unknown property
  await withPlugins.sdk.get('visitor:email');
  // @ts-expect-error: amount is a number
  withPlugins.sdk.recordTransaction({ id: 'x', amount: '10' });
  withPlugins.on('consent:changed', (e) => void (e.kind satisfies 'cookies' | 'gdpr'));
  withPlugins.on('va:handoff', (e) => void (e.vaConversationId satisfies string));
  withPlugins.virtualAgent.handoff('bot-1');
  const applied: boolean = withPlugins.virtualAgent.state.applied;
  // @ts-expect-error: activate takes a provider function
  await withPlugins.sdk.activate({ type: 'ANONYMOUS' });
  void [version, consent, applied];
}
void pluginTypes;

// use() adds a plugin later, and types what it adds.
const later = bridge.use(webSdk());
later.sdk.navigate('/cart');
later.on('consent:changed', (e) => void (e.value satisfies boolean | null));

// A plugin of your own: typed API and events.
const counter: Plugin<{ counter: { count(): number } }, { 'counter:tick': { count: number } }> = {
  name: 'counter',
  emits: ['counter:tick'],
  setup(context) {
    let count = 0;
    context.on('chat:started', () => context.emit('counter:tick', { count: ++count }));
    // @ts-expect-error: a payload of the wrong shape
    context.emit('counter:tick', { count: 'one' });
    return { counter: { count: () => count } };
  },
};
const counted = install({ plugins: [counter] });
// Its events join the program's known events by declaration merging, so adapters and `send` may name them.
declare module '../src/index.js' {
  interface PluginEvents {
    'counter:tick': { count: number };
  }
}
install({ plugins: [counter, ga4({ events: ['counter:tick'] })] });
// @ts-expect-error: counter:tick needs the counter plugin on the bridge
install({ plugins: [ga4({ events: ['counter:tick'] })] });
counted.on('counter:tick', (e) => void (e.count satisfies number));
void counted.counter.count();

// A plugin factory is not a plugin: it must be called (a function's own `name` would pass for one).
// @ts-expect-error: call it: ga4()
install({ plugins: [ga4] });
// @ts-expect-error: call it: webSdk()
install({ plugins: [ga4(), webSdk] });
// @ts-expect-error: call it: gtm()
install({ adapters: [gtm] });
// @ts-expect-error: call it: virtualAgent()
bridge.use(virtualAgent);
// @ts-expect-error: call it: chatLink({ ... })
const factoryAsPlugin: AnyPlugin = chatLink;
// @ts-expect-error: an adapter factory is not an adapter either
const factoryAsAdapter: Adapter = custom;
// What real plugins are stays a plugin: objects, spread ones, class instances, a list built at run time.
const spread: Plugin = { ...ga4(), name: 'ga4-copy' };
class Logger implements Plugin {
  readonly name = 'logger';
  send(event: BridgeEvent): void {
    void event;
  }
}
const built: AnyPlugin[] = [spread, new Logger(), gtm()];
install({ plugins: built, adapters: [ga4(), custom(() => {})] });
void [factoryAsPlugin, factoryAsAdapter];
