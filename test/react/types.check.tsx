// Checked by `npm run typecheck` (tsc), never run: the hooks' types are part of the API.
import type { virtualAgent } from 'iadvize-bridge';
import { ga4, iadvizeTag, webSdk, type BridgeState } from 'iadvize-bridge';
import { createIAdvizeHooks, IAdvizeProvider, useIAdvize, useIAdvizeEvent, useIAdvizeState } from 'iadvize-bridge/react';

const options = { plugins: [webSdk(), iadvizeTag({ sid: 1234 }), ga4()] } as const;
const typed = createIAdvizeHooks<typeof options>();

export function Checks() {
  // The hooks as exported: the core's events and state.
  useIAdvizeEvent('chat:started', (e) => void (e.chatId satisfies string));
  useIAdvizeEvent('*', (e) => void (e.type satisfies string), { replay: true });
  // @ts-expect-error: unknown event name
  useIAdvizeEvent('chat:start', () => {});
  // @ts-expect-error: field of another event
  useIAdvizeEvent('chat:started', (e) => e.durationMs); // eslint-disable-line @typescript-eslint/no-unsafe-return -- the type error is the test
  // @ts-expect-error: consent:changed belongs to webSdk(), which these hooks know nothing of
  useIAdvizeEvent('consent:changed', () => {});
  // @ts-expect-error: no plugin, no bridge.sdk
  void useIAdvize()?.sdk;
  const state: BridgeState = useIAdvizeState();
  const active: boolean = useIAdvizeState((s) => s.chat.active);
  const picked: { sent: number } = useIAdvizeState((s) => ({ sent: s.chat.messagesSent }));
  // @ts-expect-error: the state is read-only
  useIAdvizeState((s) => (s.chat.active = true));
  // @ts-expect-error: a selector takes the state
  useIAdvizeState((s: number) => s);

  // Typed with the provider's options: the plugins' API and events.
  typed.useIAdvizeEvent('consent:changed', (e) => void (e.kind satisfies 'cookies' | 'gdpr'));
  typed.useIAdvizeEvent('tag:loaded', (e) => void (e.src satisfies string));
  typed.useIAdvizeEvent('chat:ended', (e) => void (e.durationMs satisfies number | undefined));
  const bridge = typed.useIAdvize();
  bridge?.sdk.navigate('/cart');
  void bridge?.tag.status;
  // @ts-expect-error: va:handoff belongs to virtualAgent(), not in these options
  typed.useIAdvizeEvent('va:handoff', () => {});
  // @ts-expect-error: no virtualAgent() in these options
  void bridge?.virtualAgent;
  const withAgent = createIAdvizeHooks<{ plugins: readonly [ReturnType<typeof virtualAgent>] }>();
  withAgent.useIAdvizeEvent('va:handoff', (e) => void (e.vaConversationId satisfies string));
  void [state, active, picked];

  return (
    <>
      <IAdvizeProvider options={options}>children</IAdvizeProvider>
      <IAdvizeProvider />
      {/* @ts-expect-error: options are typed */}
      <IAdvizeProvider options={{ debug: 'yes' }} />
      {/* @ts-expect-error: ga4 forwards tag:failed, which only iadvizeTag() emits, as install() says */}
      <IAdvizeProvider options={{ plugins: [ga4({ events: ['tag:failed'] })] }} />
      <IAdvizeProvider options={{ plugins: [iadvizeTag({ sid: 1 }), ga4({ events: ['tag:failed'] })] }} />
    </>
  );
}

// @ts-expect-error: the hooks take install options' type
createIAdvizeHooks<{ debug: 'yes' }>();
