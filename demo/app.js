// The demo shop's chat widget mock, driven by the tag simulator: it shows what the tag tells the bridge,
// and its buttons and form play the visitor's and the agent's part.
(function () {
  var bridge = window.IAdvizeBridge.bridge;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var tag = function () {
    return window.iAdvizeSimulator;
  };

  var say = function (text, from) {
    var li = document.createElement('li');
    li.className = from;
    li.textContent = text;
    $('messages').appendChild(li);
    $('messages').scrollTop = 1e6;
  };
  bridge.on('message:received', function (e) {
    say(e.text, 'operator');
  });
  bridge.on('message:sent', function (e) {
    say(e.text, 'visitor');
  });
  bridge.on('alert:received', function (e) {
    say(e.text, 'system');
  });
  bridge.on('chat:started', function (e) {
    say('Chat ' + e.chatId + ' started', 'system');
  });
  bridge.on('chat:ended', function () {
    say('Chat ended', 'system');
  });
  // What a current tag tells of what the visitor sees: its buttons, its window, the survey.
  bridge.on('chat:button-displayed', function () {
    say('Chat button shown', 'system');
  });
  bridge.on('call:button-displayed', function () {
    say('Call button shown', 'system');
  });
  bridge.on('chat:displayed', function () {
    say('Chat window opened', 'system');
  });
  bridge.on('chat:hidden', function () {
    say('Chat window closed', 'system');
  });
  bridge.on('satisfaction:displayed', function () {
    say('Satisfaction survey shown', 'system');
  });
  bridge.on('satisfaction:answered', function () {
    say('Survey answered: thank you', 'system');
  });
  bridge.on('operator:typing-started', function () {
    $('typing').textContent = 'The agent is typing…';
  });
  bridge.on('operator:typing-stopped', function () {
    $('typing').textContent = '';
  });
  bridge.on('chat:availability', function (e) {
    $('availability').textContent = e.offline ? '· offline' : e.busy ? '· agents busy' : '· online';
  });

  var replies = ['Happy to help!', 'It runs true to size.', 'Delivery takes 3 days.'];
  var actions = {
    start: function () {
      tag().startChat('visitor');
    },
    reply: function () {
      tag().fire('onOperatorWriting', null);
      setTimeout(function () {
        tag().fire('onOperatorStopWriting', null);
        tag().operatorSays(replies[Math.floor(Math.random() * replies.length)]);
      }, 600);
    },
    end: function () {
      tag().endChat('visitor');
    },
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
    // As with the real tag, a visitor's first message opens the conversation.
    if (!bridge.state.chat.active) tag().startChat('visitor');
    tag().fire('onVisitorWriting', null);
    tag().fire('onVisitorStopWriting', null);
    tag().visitorSays(text);
    $('message').value = '';
  });
})();
