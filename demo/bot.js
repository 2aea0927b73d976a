// A small scripted virtual agent: it hands its conversation to iAdvize, then, once the human chat
// starts, fetches the iAdvize transcript through the site's own proxy and shows it.
(function () {
  var bridge = window.IAdvizeBridge.bridge;
  var botConversationId = 'demo-bot:' + Math.random().toString(36).slice(2, 10);
  var panel = document.getElementById('bot');
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
      log('Bot: iAdvize chat ' + event.chatId + ' started; fetching its history');
      bridge.virtualAgent
        .fetchHistory(event.chatId, { endpoint: '/api/iadvize-history' })
        .then(function (transcript) {
          panel.dataset.transcript = String(transcript.entries.length);
          transcript.entries.forEach(function (entry) {
            log('[' + entry.from + '] ' + entry.text);
          });
        })
        .catch(function (error) {
          log('Bot: could not fetch the history (' + error.kind + ')');
        });
    },
    { replay: true },
  );
})();
