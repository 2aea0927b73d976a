import { newCounts } from './chat-page.js';
import { createChatApp } from './vue-app.js';

const counts = newCounts();
const container = document.getElementById('root')!;
let app = createChatApp(counts, container.hasChildNodes());
app.mount(container);

Object.assign(window, {
  counts,
  /** What a hot reload of the app's entry does: the app unmounted, then a new one with options made anew. */
  remount() {
    app.unmount();
    (app = createChatApp(counts, false)).mount(container);
  },
});
