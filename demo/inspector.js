// The demo's live inspector, in the page's <section class="inspector">: the normalised events,
// bridge.state (with the state of the plugins the page has) and what the GA4 and GTM adapters put in
// the dataLayer. Every value is shown as text.
(function () {
  var bridge = window.IAdvizeBridge.bridge;
  var $ = function (id) {
    return document.getElementById(id);
  };
  // A fixed template, no data: the values go in as text below.
  document.querySelector('.inspector').innerHTML =
    '<div><h2>Events <span class="count" id="event-count">0</span></h2><ol id="events" reversed></ol></div>' +
    '<div><h2>bridge.state</h2><pre id="state"></pre></div>' +
    '<div><h2>Sent to analytics <span class="count" id="sent-count">0</span></h2><ol id="sent" reversed></ol></div>';

  function item(list, label, detail) {
    var li = document.createElement('li');
    var code = document.createElement('code');
    code.textContent = label;
    li.appendChild(code);
    if (detail) li.appendChild(document.createTextNode(' ' + detail));
    list.insertBefore(li, list.firstChild);
  }

  function showState() {
    var plugins = {};
    if (bridge.virtualAgent) plugins.virtualAgent = bridge.virtualAgent.state;
    if (bridge.tag) plugins.tag = { status: bridge.tag.status };
    window.showJson($('state'), Object.assign({}, bridge.state, plugins));
  }
  var eventCount = 0;
  bridge.on(
    '*',
    function (event) {
      var payload = Object.assign({}, event);
      delete payload.type;
      delete payload.raw;
      delete payload.at;
      item($('events'), event.type, JSON.stringify(payload));
      $('event-count').textContent = String(++eventCount);
      showState();
    },
    { replay: true },
  );
  showState();

  // What reached the dataLayer: gtag commands from ga4(), pushes from gtm().
  var sentCount = 0;
  var layer = window.dataLayer;
  if (!layer) return;
  var push = layer.push;
  layer.push = function () {
    for (var i = 0; i < arguments.length; i++) {
      var entry = arguments[i];
      var isGtag = Object.prototype.toString.call(entry) === '[object Arguments]';
      if (isGtag && entry[0] === 'event') item($('sent'), 'ga4 ' + entry[1], JSON.stringify(entry[2]));
      else if (!isGtag && entry && entry.iadvize) item($('sent'), 'gtm ' + entry.event, JSON.stringify(entry.iadvize));
      else continue;
      $('sent-count').textContent = String(++sentCount);
    }
    return push.apply(layer, arguments);
  };
})();
