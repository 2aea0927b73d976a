// Shows the bridge at work: the normalised events and bridge.state, next to buttons that drive the fake tag.
(function () {
  var bridge = window.IAdvizeBridge.bridge;
  var list = document.getElementById('events');
  var state = document.getElementById('state');

  function showState() {
    state.textContent = JSON.stringify(bridge.state, null, 2);
  }

  bridge.on('*', function (event) {
    var item = document.createElement('li');
    var payload = Object.assign({}, event);
    delete payload.type;
    delete payload.raw;
    delete payload.at;
    item.innerHTML = '<code></code> <span></span>';
    item.firstChild.textContent = event.type;
    item.lastChild.textContent = JSON.stringify(payload);
    list.prepend(item);
    showState();
  });
  showState();

  var buttons = document.getElementById('flows');
  window.fakeTag.flows.forEach(function (flow) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = flow;
    button.dataset.flow = flow;
    button.addEventListener('click', function () {
      window.fakeTag.run(flow);
    });
    buttons.appendChild(button);
  });
})();
