// Runs in Chromium (bench/chromium.mjs): forwarding the tag's onChatStarted to GA4, three ways, each
// in an iframe of its own (a real window with its own sessionStorage), measured side by side in
// interleaved rounds. Every variant receives the same payloads, a new chat each time.
import { ga4, install } from '/dist/index.js';

const PAYLOADS = Array.from({ length: 64 }, (_, i) => ({
  id: 9000 + i,
  conversationId: `5f0c8a52-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
  vuid: 'vuid-bench',
}));

/** A fresh same-origin frame whose page has Google's gtag contract. */
function frame() {
  const element = document.createElement('iframe');
  document.body.append(element);
  const win = element.contentWindow;
  win.dataLayer = [];
  win.gtag = function () {
    win.dataLayer.push(arguments);
    if (win.dataLayer.length > 5000) win.dataLayer.length = 0;
  };
  return win;
}

/** What a site writes when it wants GA4 to hear of chats and nothing else. */
function bare(win) {
  win.iAdvizeCallbacks = { onChatStarted: () => win.gtag('event', 'chat_started', { chat_channel: 'chat' }) };
}

/**
 * The reference: what a careful engineer would write by hand for this one callback, to give the
 * guarantees the bridge gives it. Each guarantee, in the order the code gives it:
 * 1. the registry keeps the site's own callback (an accessor: assigning stores it, the tag gets ours),
 *    called first with the tag's argument and `this`, its result returned to the tag;
 * 2. the payload is read from own properties only, through try/catch (hostile getters, prototypes);
 * 3. ids become strings, unknown values are left out, never guessed;
 * 4. one timestamped, frozen event object;
 * 5. state follows: the chat record (active, ids, start) and its copy in sessionStorage for the tab;
 * 6. a listener slot, each listener isolated;
 * 7. GA4 parameters: privacy-safe (no ids by default), valid names, text values cut to 100 characters;
 * 8. isolation: nothing thrown by the site, a listener or gtag reaches the tag.
 */
function reference(win, persist = true) {
  let site;
  const listeners = [() => {}];
  const chat = { active: false, chatId: undefined, conversationId: undefined, startedAt: 0 };
  const report = () => {};
  const own = (raw, key) => {
    try {
      return raw !== null && typeof raw === 'object' && Object.prototype.hasOwnProperty.call(raw, key) ? raw[key] : undefined;
    } catch {
      return undefined;
    }
  };
  const text = (value) => (typeof value === 'string' ? value : typeof value === 'number' && isFinite(value) ? String(value) : undefined);
  const callbacks = {};
  Object.defineProperty(callbacks, 'onChatStarted', {
    get: () => onChatStarted,
    set: (fn) => {
      site = fn;
    },
  });
  function onChatStarted(raw) {
    let result;
    if (site) {
      try {
        result = site.call(callbacks, raw);
      } catch (error) {
        report(error);
      }
    }
    const event = { type: 'chat:started', at: Date.now(), raw };
    const chatId = text(own(raw, 'id'));
    if (chatId !== undefined) event.chatId = chatId;
    const conversationId = text(own(raw, 'conversationId'));
    if (conversationId !== undefined) event.conversationId = conversationId;
    const visitorId = text(own(raw, 'vuid'));
    if (visitorId !== undefined) event.visitorId = visitorId;
    event.resumed = chat.active && chatId !== undefined && chatId === chat.chatId;
    if (!event.resumed) Object.assign(chat, { active: true, chatId, conversationId, startedAt: event.at });
    if (persist) {
      try {
        win.sessionStorage.setItem('chat', JSON.stringify(chat));
      } catch {
        // memory only
      }
    }
    Object.freeze(event);
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i](event);
      } catch (error) {
        report(error);
      }
    }
    if (!event.resumed) {
      const params = { chat_channel: 'chat' };
      try {
        if (typeof win.gtag === 'function') win.gtag('event', 'chat_started', params);
      } catch (error) {
        report(error);
      }
    }
    return result;
  }
  win.iAdvizeCallbacks = callbacks;
}

/** The library as a site installs it: the core, one listener, the GA4 adapter. */
function bridge(win, persist = true) {
  install({ window: win, plugins: [ga4()], persist }).on('chat:started', () => {});
}

/** Each variant, twice where it keeps the chat record: in sessionStorage (the default) and in memory only. */
const VARIANTS = {
  'bare one-line callback (no guarantee)': bare,
  'hand-written reference, in memory': (win) => reference(win, false),
  'iadvize-bridge, persist: false': (win) => bridge(win, false),
  'hand-written reference, kept in sessionStorage': reference,
  'iadvize-bridge, kept in sessionStorage (default)': bridge,
};

/** ns per callback of each variant: `rounds` interleaved rounds of `calls` calls, the order alternating. */
window.runEventPath = (rounds, calls) => {
  const wins = Object.fromEntries(
    Object.entries(VARIANTS).map(([name, setup]) => {
      const win = frame();
      setup(win);
      return [name, win];
    }),
  );
  const samples = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, []]));
  const names = Object.keys(VARIANTS);
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const win = wins[name];
      for (let i = 0; i < 2000; i++) win.iAdvizeCallbacks.onChatStarted(PAYLOADS[i & 63]); // warm-up
      const start = performance.now();
      for (let i = 0; i < calls; i++) win.iAdvizeCallbacks.onChatStarted(PAYLOADS[i & 63]);
      samples[name].push(((performance.now() - start) * 1e6) / calls);
    }
  }
  const sent = Object.fromEntries(names.map((name) => [name, wins[name].dataLayer.length]));
  return { samples, sent };
};
