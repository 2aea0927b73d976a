// Loads the iAdvize tag after the bridge: the real one with ?sid=<site id> (for iAdvize customers),
// otherwise the tag simulator from iadvize-bridge/testing.
(function () {
  var params = new URLSearchParams(location.search);
  var sid = params.get('sid');
  var script = document.createElement('script');
  if (sid) {
    window.iAdvizeInterface = window.iAdvizeInterface || [];
    window.iAdvizeInterface.config = { sid: Number(sid), lang: params.get('lang') || 'en' };
    script.src = 'https://halc.iadvize.com/iadvize.js';
  } else {
    script.src = new URL('../dist/iadvize-simulator.iife.js', document.currentScript.src).href;
  }
  script.async = false;
  document.head.appendChild(script);
})();
