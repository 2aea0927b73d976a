// Checked by `npm run typecheck` (tsc), never run: the composables' types are part of the API.
import { createApp, type Ref } from 'vue';
import type { virtualAgent } from 'iadvize-bridge';
import { ga4, iadvizeTag, webSdk, type BridgeState } from 'iadvize-bridge';
import { createIAdvizeComposables, iadvize, useIAdvize, useIAdvizeEvent, useIAdvizeState } from 'iadvize-bridge/vue';

const options = { plugins: [webSdk(), iadvizeTag({ sid: 1234 }), ga4()] } as const;
createApp({}).use(iadvize(options));
createApp({}).use(iadvize());
// @ts-expect-error: options are typed
iadvize({ debug: 'yes' });
// @ts-expect-error: ga4 forwards tag:failed, which only iadvizeTag() emits, as install() says
iadvize({ plugins: [ga4({ events: ['tag:failed'] })] });
iadvize({ plugins: [iadvizeTag({ sid: 1 })], adapters: [ga4({ events: ['tag:failed'] })] });

export function checks() {
  // The composables as exported: the core's events and state.
  useIAdvizeEvent('chat:started', (e) => void (e.chatId satisfies string));
  // @ts-expect-error: unknown event name
  useIAdvizeEvent('chat:start', () => {});
  // @ts-expect-error: consent:changed belongs to webSdk(), which these composables know nothing of
  useIAdvizeEvent('consent:changed', () => {});
  const state: Readonly<Ref<BridgeState>> = useIAdvizeState();
  const active: Readonly<Ref<boolean>> = useIAdvizeState((s) => s.chat.active);
  // @ts-expect-error: the ref is read-only
  active.value = true;
  // @ts-expect-error: no plugin, no bridge.sdk
  void useIAdvize()?.sdk;

  // Typed with the plugin's options: the plugins' API and events.
  const typed = createIAdvizeComposables<typeof options>();
  typed.useIAdvizeEvent('consent:changed', (e) => void (e.value satisfies boolean | null));
  typed.useIAdvize()?.sdk.navigate('/cart');
  // @ts-expect-error: va:handoff belongs to virtualAgent(), not in these options
  typed.useIAdvizeEvent('va:handoff', () => {});
  const withAgent = createIAdvizeComposables<{ plugins: readonly [ReturnType<typeof virtualAgent>] }>();
  withAgent.useIAdvize()?.virtualAgent.handoff('bot-1');
  void [state, active];
}
