// An SPA: imports the ESM build, installs with navigation following and an adapter, then loads the tag.
import { custom, install, webSdk } from '../dist/index.js';

const $ = (id) => document.getElementById(id);
const line = (list, label, detail) => {
  const li = document.createElement('li');
  li.innerHTML = '<code></code> ';
  li.firstChild.textContent = label;
  li.append(detail);
  list.prepend(li);
};

const bridge = install({
  plugins: [webSdk({ followNavigation: true }), custom((_event, { name, params }) => line($('sent'), name, JSON.stringify(params)))],
});
const showState = () => window.showJson($('state'), bridge.state);
bridge.on('*', (event) => {
  line($('events'), event.type, '');
  showState();
});
showState();
window.IAdvizeBridge = { bridge };

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (link) {
    event.preventDefault();
    history.pushState({}, '', link.getAttribute('href'));
    $('view').textContent = link.textContent;
  }
  if (event.target.dataset.action === 'chat') window.iAdvizeSimulator.run('proactive-chat', { speed: 0.2 });
});

const script = document.createElement('script');
script.src = new URL('../dist/iadvize-simulator.iife.js', import.meta.url).href;
script.onload = () => {
  const showSdk = () => window.showJson($('sdk'), { navigations: window.iAdvizeSimulator.seen.navigations });
  showSdk();
  window.addEventListener('click', () => setTimeout(showSdk, 0));
};
document.head.appendChild(script);
