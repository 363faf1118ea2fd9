// A slow network for one kind of request, for the "loading the plugin" story: a request to
// `…/simulated-network/slow/<ms>/<path>` is answered with `<path>` after <ms>. Every other request
// passes untouched. Registered only by the stories that need it, and unregistered after them.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const match = /^(.*\/)simulated-network\/slow\/(\d+)\/(.+)$/.exec(url.pathname);
  if (!match) return;
  const [, base, ms, path] = match;
  const real = new URL(`${base}${path}${url.search}`, url.origin);
  event.respondWith(new Promise((resolve) => setTimeout(resolve, Number(ms))).then(() => fetch(real)));
});
