// A tiny stand-in for the iAdvize tag: it finds window.iAdvizeCallbacks the way a real tag
// may (captured at load, or ?lookup=late: looked up at every event) and calls them with the
// argument shapes of iAdvize's documentation.
(function () {
  var lookup = /[?&]lookup=late\b/.test(location.search) ? 'late' : 'boot';
  var captured = window.iAdvizeCallbacks;
  window.iAdvize = window.iAdvize || {};
  var fired = [];

  var seenVaSCI = [];

  function fire(name, obj) {
    var callbacks = lookup === 'late' ? window.iAdvizeCallbacks : captured;
    fired.push(name);
    // What the real tag does when a chat starts: read the virtual agent's conversation id.
    if (name === 'onChatStarted') seenVaSCI.push(window.iAdvize.vaSCI);
    if (callbacks && typeof callbacks[name] === 'function') {
      if (arguments.length > 1) callbacks[name](obj);
      else callbacks[name]();
    }
  }

  // Payloads as the documentation gives them (2017 shapes, with the later conversationId/vuid).
  var FLOWS = {
    available: [['onStatusChanged', { offline: 0, busy: 0 }], ['onChatButtonDisplayed', null]],
    invitation: [['onRuleStarted', { id: 12, label: 'Cart over 100 EUR' }], ['onInvitationDisplayed', { id: 4 }]],
    chat: [
      ['onChatDisplayed', null],
      ['onChatStarted', { id: 1001, startedBy: 'proactif', conversationId: '7d3c7a4e-2f1b-4a5e-9c1d-3b2a1f0e9d8c', vuid: 'abc-visitor' }],
      ['onMessageSent', { time: '11:58', msg: 'Hello, do you ship to Spain?' }],
      ['onOperatorWriting', null],
      ['onOperatorStopWriting', null],
      ['onMessageReceived', { time: '11:59', msg: 'Yes, in 3 days.', operator: { id: 31, externalId: null } }],
      ['onOfferReceived', { name: 'Free shipping', url: 'https://shop.example/offer?code=SHIPFREE' }],
    ],
    end: [['onChatEnded', { id: 1001, endedBy: 'visitor' }], ['onSatisfactionDisplayed'], ['onSatisfactionAnswered', null]],
    call: [['onCallStatusChanged', { offline: 0 }], ['onCallStarted', null], ['onCallEnded', null]],
    cobrowsing: [['onCobrowsingRequested'], ['onCobrowsingAccepted'], ['onCobrowsingStopped']],
    busy: [['onStatusChanged', { offline: 0, busy: 1 }]],
  };

  function run(flow) {
    (FLOWS[flow] || []).forEach(function (step) {
      fire.apply(null, step);
    });
  }

  // The Web SDK: functions queued in window.iAdvizeInterface run now, later ones at once.
  var sdkCalls = [];
  var sdkListeners = {};
  var properties = { 'tag:version': 'FULL', 'visitor:cookiesConsent': 'unknown', 'visitor:GDPRConsent': 'unknown' };
  var sdk = {
    get: function (property) {
      sdkCalls.push(['get', property]);
      return properties[property];
    },
    set: function (property, value) {
      sdkCalls.push(['set', property, value]);
      properties[property] = String(value);
      (sdkListeners[property + 'Change'] || []).forEach(function (fn) {
        fn(properties[property]);
      });
    },
    on: function (event, fn) {
      (sdkListeners[event] = sdkListeners[event] || []).push(fn);
    },
    off: function (event, fn) {
      sdkListeners[event] = (sdkListeners[event] || []).filter(function (other) {
        return other !== fn;
      });
    },
    navigate: function (screen) {
      sdkCalls.push(['navigate', screen]);
    },
    recordTransaction: function (transaction) {
      sdkCalls.push(['recordTransaction', transaction]);
    },
  };
  var queue = (window.iAdvizeInterface = window.iAdvizeInterface || []);
  queue.splice(0).forEach(function (fn) {
    fn(sdk);
  });
  queue.push = function () {
    for (var i = 0; i < arguments.length; i++) arguments[i](sdk);
    return queue.length;
  };

  window.fakeTag = { lookup: lookup, fire: fire, run: run, flows: Object.keys(FLOWS), fired: fired, sdkCalls: sdkCalls, sdk: sdk, seenVaSCI: seenVaSCI };
})();
