import type { CallbackName } from '../core/events.js';
import {
  chatEnded,
  chatStarted,
  DOCUMENTED_TODAY,
  flag,
  GENERATIONS,
  operatorMessage,
  visitorMessage,
  type ChatFacts,
  type PayloadGeneration,
} from './payloads.js';
import { CURRENT_SCENARIOS, SCENARIOS, type ScenarioName, type Step } from './scenarios.js';
import { createWebSdk, type SimulatedWebSdk, type WebSdkRecord } from './web-sdk.js';

export interface SimulatorOptions {
  /** The page to simulate the tag on; the global window by default. */
  window?: Window;
  /** `late`: look `window.iAdvizeCallbacks` up at every event; `boot`: capture it when the tag loads. Default `late`. */
  lookup?: 'late' | 'boot';
  /**
   * Which tag to be: `current` (what iAdvize documents today; the default), `2022` or `2017` (the
   * seed documentation, with every callback it lists). See `PayloadGeneration`.
   */
  payloads?: PayloadGeneration;
  /** Scales the scenarios' delays: 1 is realistic timing, 0 as fast as possible. Default 1. */
  speed?: number;
}

/** What the simulated tag saw, for tests to assert on. */
export interface SimulatorRecord extends WebSdkRecord {
  callbacks: Array<{ name: string; args: unknown[] }>;
  /** `iAdvize.vaSCI` as the tag read it at each chat start. */
  vaSCI: Array<string | undefined>;
  /** What the site's callbacks threw at the tag. */
  errors: unknown[];
  /** Callbacks your own steps asked for that this tag generation does not fire (iAdvize no longer documents them). */
  skipped: string[];
  /** `window.iAdvizeInterface.config` when the tag loaded (the modern snippet's `{ sid, lang }`). */
  config?: unknown;
}

/** A simulated iAdvize tag. */
export interface TagSimulator {
  readonly lookup: 'late' | 'boot';
  readonly payloads: PayloadGeneration;
  readonly seen: SimulatorRecord;
  readonly loaded: boolean;
  /** What the tag does when its script loads: create `window.iAdvize`, capture callbacks (`boot`), serve the Web SDK queue. */
  load(): void;
  /** Calls one callback the way the tag does (`this` is the callbacks object); returns what it returned. */
  fire(name: CallbackName, ...args: unknown[]): unknown;
  /** The tag's Web SDK object, as functions pushed to `window.iAdvizeInterface` receive it. */
  readonly sdk: SimulatedWebSdk;
  setAvailability(availability: { chat?: { offline: boolean; busy: boolean }; call?: { offline: boolean } }): void;
  startChat(startedBy?: ChatFacts['startedBy']): void;
  operatorSays(text: string): void;
  visitorSays(text: string): void;
  endChat(endedBy?: 'operator' | 'visitor'): void;
  /**
   * Plays a scenario (or your own steps), waiting each step's delay scaled by `speed`: as a current
   * tag, its flow in `CURRENT_SCENARIOS`; as an older one, in `SCENARIOS`.
   */
  run(scenario: ScenarioName | readonly Step[], options?: { speed?: number }): Promise<void>;
}

type Callbacks = Record<string, unknown>;
type Host = { iAdvizeCallbacks?: Callbacks; iAdvize?: Record<string, unknown>; iAdvizeInterface?: unknown[] & { config?: unknown } };

/**
 * A stand-in for the iAdvize tag that behaves as its documentation says: it creates `window.iAdvize`,
 * serves the `window.iAdvizeInterface` Web SDK queue, and calls `window.iAdvizeCallbacks` with the
 * documented argument shapes. Use it to rehearse an integration without an iAdvize account.
 * @example
 * const tag = createTagSimulator({ lookup: 'boot', payloads: '2017', speed: 0 })
 * tag.load()
 * await tag.run('proactive-chat')
 */
export function createTagSimulator(options: SimulatorOptions = {}): TagSimulator {
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window);
  if (!win) throw new TypeError('iadvize-bridge createTagSimulator(): pass a `window` outside the browser');
  const { lookup = 'late', payloads = 'current', speed = 1 } = options;
  if (lookup !== 'late' && lookup !== 'boot') throw new TypeError("createTagSimulator(): `lookup` is 'late' or 'boot'");
  if (GENERATIONS.indexOf(payloads) < 0) throw new TypeError(`createTagSimulator(): \`payloads\` is one of ${GENERATIONS.join(', ')}`);
  const host = win as unknown as Host;
  const seen: SimulatorRecord = {
    callbacks: [],
    vaSCI: [],
    errors: [],
    skipped: [],
    sdkCalls: [],
    navigations: [],
    transactions: [],
    sets: [],
    activations: [],
    logouts: 0,
  };
  const sdk = createWebSdk(seen, payloads);
  let playing = false;
  let captured: Callbacks | undefined;
  let loaded = false;
  let chats = 0;
  let chat: ChatFacts | undefined;

  function fire(name: CallbackName, ...args: unknown[]): unknown {
    if (!loaded) throw new Error(`iAdvize simulator: load() the tag before firing ${name}`);
    // Your own steps, played as a current tag, leave out what current tags no longer fire.
    if (playing && payloads === 'current' && DOCUMENTED_TODAY.indexOf(name) < 0) {
      seen.skipped.push(name);
      return undefined;
    }
    const callbacks = lookup === 'late' ? host.iAdvizeCallbacks : captured;
    seen.callbacks.push({ name, args });
    const fn = callbacks?.[name];
    if (typeof fn !== 'function') return undefined;
    try {
      return fn.apply(callbacks, args);
    } catch (error) {
      seen.errors.push(error);
      return undefined;
    }
  }

  const simulator: TagSimulator = {
    lookup,
    payloads,
    seen,
    get loaded() {
      return loaded;
    },
    load(): void {
      if (loaded) return;
      loaded = true;
      captured = host.iAdvizeCallbacks;
      host.iAdvize = { ...(host.iAdvize ?? {}), version: 'simulator' };
      const queue = host.iAdvizeInterface ?? [];
      seen.config = queue.config;
      const run = (fn: unknown) => typeof fn === 'function' && (fn as (sdk: unknown) => unknown)(sdk);
      queue.splice(0).forEach(run);
      // From now on the queue runs what is pushed at once, as the loaded tag's does.
      queue.push = (...fns: unknown[]) => (fns.forEach(run), queue.length);
      host.iAdvizeInterface = queue;
    },
    fire,
    sdk,
    setAvailability({ chat: chatAvailability, call }) {
      if (chatAvailability) fire('onStatusChanged', { offline: flag(chatAvailability.offline), busy: flag(chatAvailability.busy) });
      if (call) fire('onCallStatusChanged', { offline: flag(call.offline) });
    },
    startChat(startedBy = 'visitor') {
      chats++;
      chat = {
        chatId: 8_000_000 + chats,
        conversationId: `5f0c8a52-0000-4000-8000-00000000000${chats % 10}`,
        visitorId: 'vuid-simulated-visitor',
        startedBy,
        operatorId: 31,
      };
      seen.vaSCI.push(host.iAdvize?.vaSCI as string | undefined);
      fire('onChatStarted', chatStarted(payloads, chat));
    },
    operatorSays(text) {
      fire('onMessageReceived', operatorMessage(payloads, chat ?? ({ operatorId: 31 } as ChatFacts), text));
    },
    visitorSays(text) {
      fire('onMessageSent', visitorMessage(text));
    },
    endChat(endedBy = 'operator') {
      if (chat) fire('onChatEnded', chatEnded(payloads, chat, endedBy));
      chat = undefined;
    },
    async run(scenario, runOptions = {}) {
      const steps = typeof scenario === 'string' ? (payloads === 'current' ? CURRENT_SCENARIOS : SCENARIOS)[scenario] : scenario;
      if (!steps)
        throw new TypeError(`iAdvize simulator: unknown scenario "${String(scenario)}" (known: ${Object.keys(SCENARIOS).join(', ')})`);
      if (!loaded) simulator.load();
      const scale = runOptions.speed ?? speed;
      for (const [delayMs, action] of steps) {
        await new Promise((resolve) => setTimeout(resolve, delayMs * scale));
        playing = true;
        try {
          action(simulator);
        } finally {
          playing = false;
        }
      }
    },
  };
  return simulator;
}
