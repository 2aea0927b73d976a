// iAdvize's servers see every message of a chat, and a virtual agent reads them back through the REST
// API. The simulated tag has no server, so this page tells the demo server's stand-in iAdvize what the
// widget showed, in order. `demoConversation.recorded()` resolves once all of it is there.
(function () {
  var bridge = window.IAdvizeBridge.bridge;
  var done = Promise.resolve();

  function record(chatId, from, text) {
    done = done.then(function () {
      return fetch('/api/demo-chats/' + encodeURIComponent(chatId) + '/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: from, text: text }),
      }).then(
        function (response) {
          if (!response.ok) console.warn('The stand-in iAdvize did not record a message: HTTP ' + response.status);
        },
        function () {
          console.warn('The stand-in iAdvize could not be reached');
        },
      );
    });
  }
  var inChat = function (from) {
    return function (event) {
      var chat = bridge.state.chat;
      if (chat.active && chat.chatId) record(chat.chatId, from, event.text);
    };
  };

  bridge.on('chat:started', function (event) {
    // A chat that goes on after a page change is already there; a new one starts on this page's URL.
    if (!event.resumed && event.chatId) record(event.chatId, 'navigation', location.origin + location.pathname);
  });
  bridge.on('message:sent', inChat('visitor'));
  bridge.on('message:received', inChat('operator'));

  window.demoConversation = {
    recorded: function () {
      return done;
    },
  };
})();
