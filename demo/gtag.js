// Google's page contract for gtag.js and GTM, as their snippets set it up. The real gtag.js/gtm.js
// are not loaded: the demo shows what the adapters put in the dataLayer for them to read.
window.dataLayer = window.dataLayer || [];
function gtag() {
  window.dataLayer.push(arguments);
}
gtag('js', new Date());
gtag('config', 'G-DEMO000000');
window.dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });
