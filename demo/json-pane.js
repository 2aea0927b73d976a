// Shows a value as indented JSON in a pane, one block per line, so that a long line wrapping at phone
// width keeps its indentation (a hanging indent). Text only: what the tag sent is never markup.
window.showJson = function (pane, value) {
  pane.textContent = '';
  JSON.stringify(value, null, 2)
    .split('\n')
    .forEach(function (line) {
      var text = line.replace(/^ +/, '');
      var row = document.createElement('span');
      row.className = 'json-line';
      row.style.paddingLeft = line.length - text.length + 2 + 'ch';
      row.textContent = text + '\n';
      pane.appendChild(row);
    });
};
