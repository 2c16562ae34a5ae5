// The installable shell for reading offline. Registered only when a person turns offline reading
// on (profile, per device) and unregistered at logout. It keeps the app itself (page, scripts,
// WebAssembly, styles, icons) so the app starts without a network; it never stores an API
// answer: dialogs are kept by the app, encrypted (public/offline-store.js).

const CACHE = 'inbox-shell-v1';

const sameOrigin = (url) => url.origin === self.location.origin;
// The sign-in (`/auth/…`: who is logged in, redirects to the sign-in service) is never kept either.
const isApi = (url) => url.pathname.startsWith('/api/') || url.pathname.startsWith('/auth/') || url.pathname.endsWith('.atom');

// The files `/` needs, found in the page, its scripts (their imports and the .wasm they load)
// and its style sheets, so no file list has to be kept in step with the build.
async function shellFiles() {
  // What the app fetches only when needed (the other catalogues, the offline storage): named here.
  const found = new Set(['/', '/manifest.webmanifest', '/favicon.svg', '/offline-store.js', '/content/i18n/nn.txt', '/content/i18n/en.txt']);
  const queue = ['/'];
  while (queue.length) {
    const path = queue.shift();
    const res = await fetch(path, { cache: 'no-cache' });
    if (!res.ok) continue;
    const text = await res.text();
    const base = new URL(path, self.location.origin);
    const refs = path.endsWith('.css')
      ? [...text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)]
      : [...text.matchAll(/(?:src|href)=["']?([^"' >]+)|(?:from|import)\s*\(?\s*["']([^"']+\.js)["']|["']([^"']+\.wasm)["']/g)];
    for (const m of refs) {
      const url = new URL(m[1] || m[2] || m[3], base);
      if (!sameOrigin(url) || isApi(url) || url.pathname === '/' || found.has(url.pathname)) continue;
      found.add(url.pathname);
      if (/\.(js|css)$/.test(url.pathname)) queue.push(url.pathname);
    }
  }
  return [...found];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(await shellFiles());
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('inbox-') && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

// The shell's cache, unless it is gone: after logout this worker may still serve the open page
// until it closes, and must never bring back what logout deleted.
const shellCache = async () => ((await caches.has(CACHE)) ? caches.open(CACHE) : null);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !sameOrigin(url) || isApi(url)) return;
  if (request.mode === 'navigate') {
    // The page fresh when there is a network (so a new build is picked up), the kept one when not.
    event.respondWith((async () => {
      try {
        const res = await fetch(request);
        const cache = await shellCache();
        if (res.ok && cache) cache.put('/', res.clone());
        return res;
      } catch {
        return (await caches.match('/')) || Response.error();
      }
    })());
    return;
  }
  // Files named by their content (Trunk's hash, or in the split build's `app-<hash>/`): kept ones
  // first. Anything else fresh when possible, the kept copy when not.
  const fixed = /-[0-9a-f]{12,16}[._][^/]*$/.test(url.pathname) || /^\/app-[0-9a-f]{16}\//.test(url.pathname);
  event.respondWith((async () => {
    const cache = await shellCache();
    if (fixed && cache) {
      const kept = await cache.match(request);
      if (kept) return kept;
    }
    try {
      const res = await fetch(request);
      if (res.ok && res.type === 'basic' && cache) cache.put(request, res.clone());
      return res;
    } catch (e) {
      const kept = cache && (await cache.match(request));
      if (kept) return kept;
      throw e;
    }
  })());
});
