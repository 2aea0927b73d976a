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

/** The view of a route: its link's name; the SPA's entry page is Home. Opened directly, a route shows too. */
function show(path) {
  const link = [...document.querySelectorAll('a[data-route]')].find((candidate) => candidate.getAttribute('href') === path);
  $('view').textContent = link ? link.textContent : path.startsWith('/demo/spa/') ? 'Not found' : 'Home';
}
show(location.pathname);
window.addEventListener('popstate', () => show(location.pathname));

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (link) {
    event.preventDefault();
    history.pushState({}, '', link.getAttribute('href'));
    show(location.pathname);
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
