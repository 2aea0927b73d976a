import type { EventRows } from '../../core/plugin.js';

/** The events of `virtualAgent()`. */
export interface VirtualAgentEvents {
  /** A virtual agent handed its conversation to iAdvize (`bridge.virtualAgent.handoff`). */
  'va:handoff': { vaConversationId: string };
}

declare module '../../core/events.js' {
  interface PluginEvents extends VirtualAgentEvents {}
}

/** How analytics tools see them: the bot's conversation id is an identifier, so only the hand-off itself is counted. */
export const VIRTUAL_AGENT_EVENTS: EventRows<VirtualAgentEvents> = {
  'va:handoff': { name: 'chat_bot_handoff' },
};
