import { custom, iadvizeTag, type InstallOptions } from 'iadvize-bridge';

/**
 * The chat page both framework apps render, and what it counts for the tests (`window.counts` in
 * the browser): the tag is the simulator, loaded by the bridge's own tag loader.
 */
export interface Counts {
  /** Mounts of the chat status: React's StrictMode mounts twice in development. */
  mounts: number;
  /** Renders of the chat status that reached the page (React: commits; Vue: updates). */
  updates: number;
  /** What the status's event listener heard: the chat id and the re-renders its closure had seen. */
  heard: string[];
  /** What a custom() adapter received. */
  forwarded: string[];
}

export const newCounts = (): Counts => ({ mounts: 0, updates: 0, heard: [], forwarded: [] });

/** The app's install options, made anew each time, as a hot reload of the module makes them. */
export const optionsFor = (counts: Counts): InstallOptions => ({
  plugins: [iadvizeTag({ sid: 1234, src: '/dist/iadvize-simulator.iife.js' }), custom((event) => counts.forwarded.push(event.type))],
});

export const statusText = (chat: { active: boolean; chatId?: string }): string => (chat.active ? `chat ${chat.chatId}` : 'no chat');
/** The chat's availability as the tag last reported it; unknown until it has. */
export const availabilityText = (offline: boolean | undefined): string =>
  offline === undefined ? 'unknown' : offline ? 'offline' : 'online';
