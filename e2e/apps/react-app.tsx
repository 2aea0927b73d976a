import { StrictMode, useEffect, useState } from 'react';
import type { InstallOptions } from 'iadvize-bridge';
import { IAdvizeProvider, useIAdvizeEvent, useIAdvizeState } from 'iadvize-bridge/react';
import { availabilityText, statusText, type Counts } from './chat-page.js';

function ChatStatus({ counts }: { counts: Counts }) {
  const chat = useIAdvizeState((state) => state.chat);
  const offline = useIAdvizeState((state) => state.availability.chat.offline);
  const [renders, setRenders] = useState(0);
  // A new inline listener at every render.
  useIAdvizeEvent('chat:started', (e) => counts.heard.push(`${e.chatId} after ${renders} re-renders`));
  useEffect(() => void counts.mounts++, []);
  useEffect(() => void counts.updates++);
  return (
    <main>
      <p id="status">{statusText(chat)}</p>
      <p id="availability">{availabilityText(offline)}</p>
      <button id="rerender" onClick={() => setRenders((n) => n + 1)}>
        re-render
      </button>
    </main>
  );
}

/** ?unknown: listeners for an event of a plugin the app left out, and for a misspelt one (a JavaScript app has no types to stop them). */
function Unknown() {
  useIAdvizeEvent('consent:changed' as never, () => {});
  useIAdvizeEvent('chat:start' as never, () => {});
  return null;
}
const withUnknown = typeof location !== 'undefined' && location.search.includes('unknown');

/** The status, and a button that unmounts and mounts it again while the bridge is there. */
function Page({ counts }: { counts: Counts }) {
  const [shown, setShown] = useState(true);
  return (
    <>
      {shown && <ChatStatus counts={counts} />}
      {withUnknown && <Unknown />}
      <button id="toggle" onClick={() => setShown((now) => !now)}>
        toggle
      </button>
    </>
  );
}

/** The app as the root renders it: StrictMode at the top, as React's templates have it (its double effects reach only what it wraps from the root). */
export const app = (options: InstallOptions, counts: Counts) => (
  <StrictMode>
    <IAdvizeProvider options={options}>
      <Page counts={counts} />
    </IAdvizeProvider>
  </StrictMode>
);
