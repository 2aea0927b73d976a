// The demo shop's glue: a chat widget mock driven by the tag simulator, scenario buttons, and a live
// inspector of the normalised events, bridge.state and what the analytics adapters sent.
(function () {
  var bridge = window.IAdvizeBridge.bridge;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var tag = function () {
    return window.iAdvizeSimulator;
  };

  function item(list, label, detail, className) {
    var li = document.createElement('li');
    if (className) li.className = className;
    var code = document.createElement('code');
    code.textContent = label;
    li.appendChild(code);
    if (detail) li.appendChild(document.createTextNode(' ' + detail));
    list.insertBefore(li, list.firstChild);
    return li;
  }

  // Inspector: events, and the state of the core and of the virtual-agent plugin.
  function showState() {
    $('state').textContent = JSON.stringify(Object.assign({}, bridge.state, { virtualAgent: bridge.virtualAgent.state }), null, 2);
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

  // Inspector: what reached the dataLayer (gtag commands from ga4(), pushes from gtm()).
  var sentCount = 0;
  var layer = window.dataLayer;
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

  // The chat widget mock mirrors what the tag tells the bridge.
  var say = function (text, from) {
    var li = document.createElement('li');
    li.className = from;
    li.textContent = text;
    $('messages').appendChild(li);
    $('messages').scrollTop = 1e6;
  };
  bridge.on('message:received', function (e) { say(e.text, 'operator'); });
  bridge.on('message:sent', function (e) { say(e.text, 'visitor'); });
  bridge.on('alert:received', function (e) { say(e.text, 'system'); });
  bridge.on('chat:started', function (e) { say('Chat ' + e.chatId + ' started', 'system'); });
  bridge.on('chat:ended', function () { say('Chat ended', 'system'); });
  bridge.on('operator:typing-started', function () { $('typing').textContent = 'The agent is typing…'; });
  bridge.on('operator:typing-stopped', function () { $('typing').textContent = ''; });
  bridge.on('chat:availability', function (e) {
    $('availability').textContent = e.offline ? '· offline' : e.busy ? '· agents busy' : '· online';
  });

  var replies = ['Happy to help!', 'It runs true to size.', 'Delivery takes 3 days.'];
  var actions = {
    start: function () { tag().startChat('visitor'); },
    reply: function () {
      tag().fire('onOperatorWriting', null);
      setTimeout(function () {
        tag().fire('onOperatorStopWriting', null);
        tag().operatorSays(replies[Math.floor(Math.random() * replies.length)]);
      }, 600);
    },
    end: function () { tag().endChat('visitor'); },
    buy: function () {
      var id = 'order-' + Date.now();
      bridge.sdk.recordTransaction({ id: id, amount: 129 });
      $('purchase').textContent = 'Transaction ' + id + ' recorded for attribution.';
    },
  };
  document.addEventListener('click', function (event) {
    var action = event.target.getAttribute && event.target.getAttribute('data-action');
    if (action && actions[action] && tag()) actions[action]();
  });
  $('compose').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('message').value.trim();
    if (!text || !tag()) return;
    tag().fire('onVisitorWriting', null);
    tag().fire('onVisitorStopWriting', null);
    tag().visitorSays(text);
    $('message').value = '';
  });

  // Scenario buttons, when the simulator (not a real tag) is on the page.
  ['proactive-chat', 'call', 'agents-offline'].forEach(function (name) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = name;
    button.setAttribute('data-scenario', name);
    button.addEventListener('click', function () {
      if (!tag()) return;
      button.disabled = true;
      var skippedBefore = tag().seen.skipped.length;
      tag().run(name).then(function () {
        button.disabled = false;
        button.setAttribute('data-done', 'true');
        // A current tag no longer fires some callbacks the scenario plays (?payloads=2017 plays them all).
        var skipped = tag().seen.skipped.slice(skippedBefore);
        $('skipped').textContent = skipped.length
          ? name + ': a current iAdvize tag does not fire ' + skipped.filter(function (n, i) { return skipped.indexOf(n) === i; }).join(', ') + ' (try ?payloads=2017).'
          : '';
      });
    });
    $('scenarios').appendChild(button);
  });
})();
