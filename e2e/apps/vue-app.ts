import { iadvize, useIAdvizeEvent, useIAdvizeState } from 'iadvize-bridge/vue';
import { createApp, createSSRApp, defineComponent, h, onMounted, onUpdated } from 'vue';
import { availabilityText, optionsFor, statusText, type Counts } from './chat-page.js';

const chatStatus = (counts: Counts) =>
  defineComponent({
    setup() {
      const chat = useIAdvizeState((state) => state.chat);
      const offline = useIAdvizeState((state) => state.availability.chat.offline);
      useIAdvizeEvent('chat:started', (e) => counts.heard.push(`${e.chatId} after 0 re-renders`));
      // ?unknown: listeners for an event of a plugin the app left out, and for a misspelt one.
      if (typeof location !== 'undefined' && location.search.includes('unknown')) {
        useIAdvizeEvent('va:handoff' as never, () => {});
        useIAdvizeEvent('chat:start' as never, () => {});
      }
      onMounted(() => counts.mounts++);
      onUpdated(() => counts.updates++);
      return () =>
        h('main', [h('p', { id: 'status' }, statusText(chat.value)), h('p', { id: 'availability' }, availabilityText(offline.value))]);
    },
  });

/** The chat app with the plugin: to hydrate server-rendered markup (`ssr`) or to mount afresh. */
export const createChatApp = (counts: Counts, ssr: boolean) =>
  (ssr ? createSSRApp : createApp)(chatStatus(counts)).use(iadvize(optionsFor(counts)));
