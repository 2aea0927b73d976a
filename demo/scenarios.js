// Scenario buttons: whole flows played by the tag simulator (when it, not a real tag, is on the page),
// as a current tag plays them (the ten callbacks iAdvize documents today), or, with the toggle, as a
// 2017 tag (every callback, 2017 payloads). The simulator reads ?payloads= when the page loads.
(function () {
  var list = document.getElementById('scenarios');
  var tag = function () {
    return window.iAdvizeSimulator;
  };

  ['proactive-chat', 'call', 'agents-offline'].forEach(function (name) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = name;
    button.setAttribute('data-scenario', name);
    button.addEventListener('click', function () {
      if (!tag()) return;
      button.disabled = true;
      tag()
        .run(name)
        .then(function () {
          button.disabled = false;
          button.setAttribute('data-done', 'true');
        });
    });
    list.appendChild(button);
  });

  var url = new URL(location.href);
  var label = document.createElement('label');
  label.className = 'toggle';
  var box = document.createElement('input');
  box.type = 'checkbox';
  box.id = 'tag-2017';
  box.checked = url.searchParams.get('payloads') === '2017';
  box.addEventListener('change', function () {
    if (box.checked) url.searchParams.set('payloads', '2017');
    else url.searchParams.delete('payloads');
    location.assign(url.href);
  });
  // The panel says which tag plays the flows, as the toggle does.
  var how = document.getElementById('scenarios-how');
  if (how && box.checked)
    how.textContent =
      'Whole flows played by the tag simulator with realistic timing, as a 2017 iAdvize tag played them: every callback, 2017 payloads.';
  label.appendChild(box);
  label.appendChild(document.createTextNode(' Play as a 2017 tag (every callback, 2017 payloads)'));
  list.parentNode.insertBefore(label, list.nextSibling);
})();
