import { ga4, install } from './dist/index.js';
const win = { location: { search: '' } };
win.dataLayer = []; win.gtag = function () { win.dataLayer.push(arguments); if (win.dataLayer.length > 5000) win.dataLayer.length = 0; };
install({ window: win, plugins: [ga4()], persist: false }).on('chat:started', () => {});
const P = Array.from({ length: 64 }, (_, i) => ({ id: 9000 + i, conversationId: `5f0c8a52-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, vuid: 'v' }));
for (let r = 0; r < 5; r++) { const t = process.hrtime.bigint(); for (let i = 0; i < 200000; i++) win.iAdvizeCallbacks.onChatStarted(P[i & 63]); console.log(Number(process.hrtime.bigint() - t) / 200000, 'ns'); }
