import type { BridgeEvent, CoreEvents } from '../core/events.js';
import type { EventRow, RawParams } from '../core/plugin.js';
import { safeUrl } from './safe-url.js';

/** Parameters sent with an event: snake_case names, primitive values. */
export type { Ga4Params as Params } from '../shared/ga4-rules.js';
import type { Ga4Params as Params } from '../shared/ga4-rules.js';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 1000));

import { CHAT_ID } from '../shared/transcript.js';
import { CONVERSATION_ID as UUID } from '../shared/chat-link.js';
// Even opted in, an id is sent only if it has an id's shape: a tag that put an email there must not leak it.
const chatId = (id: string | undefined) => (id !== undefined && CHAT_ID.test(id) ? id : undefined);
const conversationId = (id: string | undefined) => (id !== undefined && UUID.test(id) ? id : undefined);
const url = (value: string | undefined) => (value === undefined ? undefined : safeUrl(value));

/** The core's event types -> their analytics names and parameters; plugins declare their own rows (`plugin.events`). */
export const CORE_ROWS: { readonly [K in keyof CoreEvents]: EventRow<BridgeEvent<K>> } = {
  'chat:started': {
    name: 'chat_started',
    on: true,
    // started_by only comes from 2017-era tags; current tags do not say who started a chat.
    params: (e) => ({ started_by: e.startedBy, chat_channel: 'chat' }),
    ids: (e) => ({ chat_id: chatId(e.chatId), conversation_id: conversationId(e.conversationId) }),
    // One chat_started per conversation: the tag may announce the same chat again after a page change.
    forward: (e) => !e.resumed,
  },
  'chat:ended': {
    name: 'chat_ended',
    on: true,
    params: (e) => ({ chat_duration_sec: seconds(e.durationMs), ended_by: e.endedBy }),
    ids: (e) => ({ chat_id: chatId(e.chatId), conversation_id: conversationId(e.conversationId) }),
  },
  'invitation:displayed': { name: 'chat_invitation_displayed', on: true },
  'call:started': { name: 'chat_call_started', on: true },
  'call:ended': {
    name: 'chat_call_ended',
    on: true,
    params: (e) => ({ call_duration_sec: seconds(e.durationMs) }),
  },
  'offer:received': { name: 'chat_offer_received', on: true, params: (e) => ({ offer_name: e.name, offer_url: url(e.url) }) },
  'cobrowsing:requested': { name: 'chat_cobrowse_requested', on: true },
  'cobrowsing:accepted': { name: 'chat_cobrowse_accepted', on: true },
  'cobrowsing:refused': { name: 'chat_cobrowse_refused', on: true },
  'cobrowsing:stopped': { name: 'chat_cobrowse_stopped', on: true },
  'satisfaction:answered': { name: 'chat_survey_answered', on: true },

  'chat:displayed': { name: 'chat_window_displayed' },
  'chat:hidden': { name: 'chat_window_hidden' },
  'chat:button-displayed': { name: 'chat_button_displayed' },
  'call:button-displayed': { name: 'chat_call_button_displayed' },
  'video:button-displayed': { name: 'chat_video_button_displayed' },
  'chat:availability': {
    name: 'chat_availability_changed',
    params: (e) => ({ agents_offline: e.offline, agents_busy: e.busy }),
  },
  'call:availability': {
    name: 'chat_call_availability_changed',
    params: (e) => ({ agents_offline: e.offline }),
  },
  'rule:started': {
    name: 'chat_rule_started',
    params: (e) => ({ rule_id: e.ruleId, rule_label: e.label }),
  },
  'operator:typing-started': { name: 'chat_operator_typing' },
  'operator:typing-stopped': { name: 'chat_operator_typing_stopped' },
  'visitor:typing-started': { name: 'chat_visitor_typing' },
  'visitor:typing-stopped': { name: 'chat_visitor_typing_stopped' },
  // Message and alert texts never leave the page: only that a message happened.
  'message:received': { name: 'chat_message_received' },
  'message:sent': { name: 'chat_message_sent' },
  'alert:received': { name: 'chat_alert_received' },
  'link:received': {
    name: 'chat_link_received',
    params: (e) => ({ link_name: e.name, link_url: url(e.url), link_pushed: e.pushed }),
  },
  // The new operator and the transcript are identifiers: only the transfer itself is counted.
  'visitor:transferred': { name: 'chat_visitor_transferred' },
  'satisfaction:displayed': { name: 'chat_survey_displayed' },
};

/** The core's event types forwarded when an adapter is given no `events` option (a plugin's row may add its own). */
export const DEFAULT_EVENTS: readonly (keyof CoreEvents)[] = /* @__PURE__ */ (Object.keys(CORE_ROWS) as (keyof CoreEvents)[]).filter(
  (type) => CORE_ROWS[type].on,
);

/** The row of a core event type, if `type` is one. */
export const coreRow = (type: string): EventRow | undefined => (CORE_ROWS as Partial<Record<string, EventRow>>)[type];

/** `chat_call_started` -> `Chat Call Started`, for tools whose events read as sentences. */
export function titleCase(name: string): string {
  return name.replace(/(^|_)([a-z])/g, (_match, space: string, letter: string) => (space ? ' ' : '') + letter.toUpperCase());
}

function copyDefined(from: RawParams, to: Params): void {
  for (const key in from) if (from[key] !== undefined) to[key] = from[key]!;
}

/** The default parameters of an event, with the ids when the site opted in; unread fields are left out. */
export function defaultParams(row: EventRow, event: BridgeEvent, includeIds: boolean): Params {
  const params: Params = {};
  if (row.params) copyDefined(row.params(event), params);
  if (includeIds && row.ids) copyDefined(row.ids(event), params);
  return params;
}

/** Whether the tools should receive `event` at all (a resumed chat is not counted twice). */
export function shouldForward(row: EventRow, event: BridgeEvent): boolean {
  return !row.forward || row.forward(event);
}
