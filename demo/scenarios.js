// Scenario buttons: whole flows played by the tag simulator (when it, not a real tag, is on the page).
(function () {
  var list = document.getElementById('scenarios');
  var skippedNote = document.getElementById('skipped');
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
      var skippedBefore = tag().seen.skipped.length;
      tag().run(name).then(function () {
        button.disabled = false;
        button.setAttribute('data-done', 'true');
        // A current tag no longer fires some callbacks the scenario plays (?payloads=2017 plays them all).
        var skipped = tag().seen.skipped.slice(skippedBefore);
        skippedNote.textContent = skipped.length
          ? name + ': a current iAdvize tag does not fire ' + skipped.filter(function (n, i) { return skipped.indexOf(n) === i; }).join(', ') + ' (try ?payloads=2017).'
          : '';
      });
    });
    list.appendChild(button);
  });
})();
