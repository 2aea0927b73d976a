import { fail } from '../../core/errors.js';
import { log } from '../../core/guard.js';
import type { Plugin } from '../../core/plugin.js';
import { globalsOf } from '../../core/window.js';
import { checkKnownOptions } from '../../shared/known-options.js';
import type { Transcript } from '../../shared/transcript.js';
import { createTagQueue } from '../tag-queue.js';
import { fetchHistory, type FetchHistoryOptions } from './fetch-history.js';
import { VIRTUAL_AGENT_EVENTS, type VirtualAgentEvents } from './events.js';
export type { VirtualAgentEvents } from './events.js';

export interface VirtualAgentState {
  /** The conversation id the virtual agent handed off, if any. */
  readonly vaConversationId?: string;
  /** Whether the tag's `window.iAdvize.vaSCI` holds it now. */
  readonly applied: boolean;
}

export interface VirtualAgent {
  /**
   * Tells iAdvize the bot's conversation id (`iAdvize.vaSCI`) so the human agent sees the bot transcript.
   * Call it before the chat starts; before the tag loads is fine.
   */
  handoff(vaConversationId: string): void;
  /**
   * The iAdvize transcript of `chatId`, through the site's own history endpoint (never iAdvize directly).
   * @example
   * const transcript = await bridge.virtualAgent.fetchHistory(chatId, { endpoint: '/api/iadvize-history' })
   */
  fetchHistory(chatId: string, options: FetchHistoryOptions): Promise<Transcript>;
  /** What was handed off, and whether the tag has it. */
  readonly state: VirtualAgentState;
}

const VA_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Both directions of a virtual-agent hand-off, as `bridge.virtualAgent`. `iAdvize.vaSCI` must be on
 * the object the tag reads, which may not exist yet or may be replaced when the tag boots:
 * `window.iAdvize` is watched through an accessor (no polling), and the id is set again when the tag
 * runs its Web SDK queue and when a chat starts.
 * @example
 * const bridge = install({ plugins: [virtualAgent()] })
 * bridge.virtualAgent.handoff(botConversation.id)
 */
export function virtualAgent(options: Record<string, never> = {}): Plugin<{ virtualAgent: VirtualAgent }, VirtualAgentEvents> {
  // It takes none: `virtualAgent({ endpoint })` means fetchHistory's option, which would otherwise be lost.
  checkKnownOptions('virtualAgent()', options ?? {}, []);
  let teardown: (() => void) | undefined;
  return {
    name: 'virtualAgent',
    events: VIRTUAL_AGENT_EVENTS,
    setup(context) {
      const win = context.window;
      const host = globalsOf(win) as { iAdvize?: Record<string, unknown> };
      const queue = createTagQueue(win, context.guard);
      let handedOff: string | undefined;
      let state: VirtualAgentState = { applied: false };
      let watching = false;

      function apply(): void {
        if (handedOff === undefined) return;
        const tag = host.iAdvize;
        const isTag = !!tag && typeof tag === 'object';
        if (isTag && tag.vaSCI !== handedOff) tag.vaSCI = handedOff;
        state = Object.freeze({ vaConversationId: handedOff, applied: isTag && tag.vaSCI === handedOff });
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
          set: (value: Record<string, unknown> | undefined) => {
            current = value;
            context.guard(apply, 'iAdvize replaced');
          },
        });
      }

      // The tag may have replaced window.iAdvize since the hand-off: make sure it still carries vaSCI.
      context.on('chat:started', apply);
      teardown = () => {
        queue.release();
        // Leave a plain property holding whatever the tag set, as if the bridge had never watched it.
        if (watching) Object.defineProperty(win, 'iAdvize', { value: host.iAdvize, writable: true, configurable: true, enumerable: true });
        watching = false;
        handedOff = undefined;
      };

      const agent: VirtualAgent = {
        handoff(vaConversationId) {
          if (typeof vaConversationId !== 'string' || !VA_ID.test(vaConversationId)) {
            fail('handoff()', 'the virtual agent conversation id must be 1 to 128 characters of A-Z a-z 0-9 . _ : -');
          }
          if (context.state.chat.active && context.debug)
            log('warn', 'handoff() after the chat started: the agent may not see the bot transcript');
          handedOff = vaConversationId;
          watch();
          apply();
          queue.run('ready', apply);
          context.emit('va:handoff', { vaConversationId }, vaConversationId);
        },
        fetchHistory(chatId, options) {
          const { chat } = context.state;
          return fetchHistory(win, chatId, options, chat.chatId === chatId ? chat.visitorId : undefined);
        },
        get state() {
          return state;
        },
      };
      return { virtualAgent: agent };
    },
    teardown() {
      teardown?.();
      teardown = undefined;
    },
  };
}
