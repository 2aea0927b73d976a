// A small scripted virtual agent: it hands its conversation to iAdvize, and when the human chat ends it
// takes the visitor back, reading what was said there from the iAdvize transcript (through the site's
// own proxy: the API key stays on the server).
(function () {
  var bridge = window.IAdvizeBridge.bridge;
  var botConversationId = 'demo-bot:' + Math.random().toString(36).slice(2, 10);
  var panel = document.getElementById('bot');
  // Everything the transcript holds was typed by someone: it is only ever shown as text.
  var log = function (text) {
    var line = document.createElement('li');
    line.textContent = text;
    panel.querySelector('ol').appendChild(line);
  };

  panel.querySelector('[data-action=handoff]').addEventListener('click', function () {
    log('Bot: let me get you a human. (hand-off ' + botConversationId + ')');
    bridge.virtualAgent.handoff(botConversationId);
  });

  // The VA recipe: replay, so a bot that starts after the chat still learns of it.
  bridge.on(
    'chat:started',
    function (event) {
      log('Bot: iAdvize chat ' + event.chatId + ' started; I will read it when it ends');
    },
    { replay: true },
  );

  bridge.on('chat:ended', function (event) {
    var chatId = event.chatId || bridge.state.chat.chatId;
    if (!chatId) return;
    log('Bot: welcome back! Reading iAdvize chat ' + chatId);
    // The stand-in iAdvize learns of the chat from this page; a real one already has every message.
    var recorded = window.demoConversation ? window.demoConversation.recorded() : Promise.resolve();
    recorded
      .then(function () {
        return bridge.virtualAgent.fetchHistory(chatId, { endpoint: '/api/iadvize-history' });
      })
      .then(function (transcript) {
        transcript.entries.forEach(function (entry) {
          log('[' + entry.from + '] ' + entry.text);
        });
        panel.dataset.transcript = String(transcript.entries.length);
        panel.dataset.chatId = transcript.chatId;
      })
      .catch(function (error) {
        log('Bot: could not fetch the history (' + (error && error.kind) + ')');
      });
  });
})();
