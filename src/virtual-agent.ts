import type { EventMap } from './events.js';
import { log } from './guard.js';
import { CHAT_ID, type Transcript } from './shared/transcript.js';

export interface VirtualAgentState {
  /** The conversation id the virtual agent handed off, if any. */
  readonly vaConversationId?: string;
  /** Whether the tag's `window.iAdvize.vaSCI` holds it now. */
  readonly applied: boolean;
}

/** Why `fetchHistory` failed: the network, an HTTP status from the endpoint, or an answer that is not a transcript. */
export interface HistoryError extends Error {
  name: 'HistoryError';
  kind: 'network' | 'http' | 'invalid-response';
  /** The HTTP status, for `http`. */
  status?: number;
}

export interface VirtualAgent {
  /**
   * Tells iAdvize the bot's conversation id (`iAdvize.vaSCI`) so the human agent sees the bot transcript.
   * Call it before the chat starts; before the tag loads is fine.
   */
  handoff(vaConversationId: string): void;
  /** The iAdvize transcript of `chatId`, through the site's own history endpoint (never iAdvize directly). */
  fetchHistory(chatId: string, options: { endpoint: string; signal?: AbortSignal }): Promise<Transcript>;
}

const VA_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function historyError(kind: HistoryError['kind'], message: string, status?: number): HistoryError {
  return Object.assign(new Error(`iadvize-bridge fetchHistory: ${message}`), { name: 'HistoryError' as const, kind, status });
}

/** True for the errors `fetchHistory` rejects with. */
export function isHistoryError(error: unknown): error is HistoryError {
  return error instanceof Error && error.name === 'HistoryError';
}

/**
 * Both directions of a virtual-agent hand-off. `iAdvize.vaSCI` must be on the object the tag reads,
 * which may not exist yet or may be replaced when the tag boots: `window.iAdvize` is watched through
 * an accessor (no polling), and re-checked when the tag runs queued Web SDK functions and when a chat starts.
 */
export function createVirtualAgent(
  win: Window,
  hooks: {
    emit(payload: EventMap['va:handoff']): void;
    setState(state: VirtualAgentState): void;
    chatActive(): boolean;
    whenTagReady(fn: () => void): void;
    debug(): boolean;
  },
) {
  const host = win as unknown as { iAdvize?: Record<string, unknown> };
  let handedOff: string | undefined;
  let watching = false;

  function apply(): void {
    if (handedOff === undefined) return;
    const tag = host.iAdvize;
    if (tag && typeof tag === 'object' && tag.vaSCI !== handedOff) tag.vaSCI = handedOff;
    hooks.setState({ vaConversationId: handedOff, applied: !!tag && typeof tag === 'object' && tag.vaSCI === handedOff });
  }

  function watch(): void {
    if (watching) return;
    const descriptor = Object.getOwnPropertyDescriptor(win, 'iAdvize');
    if (descriptor && (!descriptor.configurable || descriptor.get)) return;
    watching = true;
    let current = descriptor?.value as Record<string, unknown> | undefined;
    Object.defineProperty(win, 'iAdvize', {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (value) => {
        current = value;
        apply();
      },
    });
  }

  const virtualAgent: VirtualAgent = {
    handoff(vaConversationId) {
      if (typeof vaConversationId !== 'string' || !VA_ID.test(vaConversationId)) {
        throw new TypeError(
          'iadvize-bridge handoff(): the virtual agent conversation id must be 1 to 128 characters of A-Z a-z 0-9 . _ : -',
        );
      }
      if (hooks.chatActive() && hooks.debug()) {
        log('warn', 'handoff() after the chat started: the agent may not see the bot transcript');
      }
      handedOff = vaConversationId;
      watch();
      apply();
      hooks.whenTagReady(apply);
      hooks.emit({ vaConversationId });
    },

    async fetchHistory(chatId, { endpoint, signal } = {} as { endpoint: string }) {
      if (typeof chatId !== 'string' || !CHAT_ID.test(chatId)) throw new TypeError('iadvize-bridge fetchHistory(): chatId must be the digits of an iAdvize chat id');
      if (typeof endpoint !== 'string' || !endpoint) throw new TypeError('iadvize-bridge fetchHistory(): pass the `endpoint` of your history proxy');
      const url = new URL(endpoint, win.location.href);
      url.searchParams.set('chatId', chatId);
      let response: Response;
      try {
        response = await win.fetch(url.toString(), { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
      } catch (cause) {
        throw historyError('network', `the history endpoint could not be reached (${(cause as Error)?.message ?? cause})`);
      }
      if (!response.ok) throw historyError('http', `the history endpoint answered ${response.status}`, response.status);
      const body = (await response.json().catch(() => undefined)) as Transcript | undefined;
      if (!body || typeof body.chatId !== 'string' || !Array.isArray(body.entries)) {
        throw historyError('invalid-response', 'the history endpoint did not answer with a transcript');
      }
      return body;
    },
  };

  return {
    virtualAgent,
    recheck: apply,
    destroy(): void {
      // Leave a plain property holding whatever the tag set, as if the bridge had never watched it.
      if (watching) Object.defineProperty(win, 'iAdvize', { value: host.iAdvize, writable: true, configurable: true, enumerable: true });
      watching = false;
      handedOff = undefined;
    },
  };
}
