// What the docs' samples take from the reader's own site: declared here so the samples compile
// as they are shown, without the lines a real site already has.
declare module '@/auth' {
  /** Auth.js: the session of the request being handled. */
  export function auth(): Promise<{ user?: { id: string } } | null>;
}
/** The site's own rule: whether this user may read this chat (e.g. chats started in their session). */
declare function isChatOf(userId: string, chatId: string): Promise<boolean>;
/** The site's own session store: session id -> the user and the chats they started. */
declare const sessions: { get(sid: string): Promise<{ userId: string; chatIds: string[] } | undefined> };
/** The site's own session check: the session a cookie header names, if any. */
declare function sessionOf(cookie: string | null): Promise<{ userId: string } | undefined>;
declare module '#app' {
  import type { App } from 'vue';
  /** Nuxt's plugin definition, as a Nuxt app's generated types give it. */
  export function defineNuxtPlugin(plugin: (nuxtApp: { vueApp: App }) => void): unknown;
}
