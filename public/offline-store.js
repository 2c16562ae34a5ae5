// Offline copies of dialogs, for `src/offline.rs`, which loads this script only when reading
// offline is on (or to forget it all): it is not part of the first load (issue 30). It publishes
// its functions as `globalThis.inboxOfflineStore`. Each copy is kept in IndexedDB encrypted with
// AES-GCM under a key made in this browser as non-extractable: the key lives in the same
// database, but no script can read its bytes out, and the copies are unreadable on disk.
// Only the dialog id and the time it was saved are stored in the clear (for finding and purging).

const DB = 'inbox-offline';
const COPIES = 'copies';
const KEYS = 'keys';
const SHELL_CACHE_PREFIX = 'inbox-';

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

// Reads never create the database: after logout, nothing may reappear just by looking.
function open(create = true) {
  const request = indexedDB.open(DB, 1);
  request.onupgradeneeded = () => {
    if (!create) return request.transaction.abort();
    request.result.createObjectStore(COPIES, { keyPath: 'id' });
    request.result.createObjectStore(KEYS);
  };
  return done(request);
}

// One transaction; `work` may only issue requests (no other awaits, or IndexedDB commits early).
async function within(stores, mode, work, create = mode === 'readwrite') {
  const db = await open(create);
  try {
    const tx = db.transaction(stores, mode);
    const finished = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await work(tx);
    await finished;
    return result;
  } finally {
    db.close();
  }
}

async function key() {
  const kept = await within([KEYS], 'readonly', (tx) => done(tx.objectStore(KEYS).get('copies')), true);
  if (kept) return kept;
  const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  // Another tab may have made one meanwhile: `add` keeps the first, and we use that.
  await within([KEYS], 'readwrite', (tx) => { tx.objectStore(KEYS).add(made, 'copies').onerror = (e) => e.preventDefault(); })
    .catch(() => {});
  return within([KEYS], 'readonly', (tx) => done(tx.objectStore(KEYS).get('copies')));
}

async function decrypt(k, record) {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv }, k, record.data);
  return new TextDecoder().decode(plain);
}

async function saveCopy(id, text, savedAt) {
  const k = await key();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, new TextEncoder().encode(text));
  await within([COPIES], 'readwrite', (tx) => { tx.objectStore(COPIES).put({ id, savedAt, iv, data }); });
}

/** The copy's text, or null when there is none (or it can no longer be read). */
async function readCopy(id) {
  const record = await within([COPIES], 'readonly', (tx) => done(tx.objectStore(COPIES).get(id))).catch(() => null);
  if (!record) return null;
  try {
    return await decrypt(await key(), record);
  } catch {
    return null;
  }
}

/** Every copy's text, newest first. */
async function listCopies() {
  const records = await within([COPIES], 'readonly', (tx) => done(tx.objectStore(COPIES).getAll())).catch(() => []);
  records.sort((a, b) => b.savedAt - a.savedAt);
  const k = records.length ? await key() : null;
  const texts = [];
  for (const r of records) {
    try { texts.push(await decrypt(k, r)); } catch { /* unreadable: purged with the rest */ }
  }
  return texts;
}

/** Removes the copies saved before `savedBefore` (ms since the epoch); returns how many. */
function purgeCopies(savedBefore) {
  return within([COPIES], 'readwrite', (tx) => new Promise((resolve, reject) => {
    let removed = 0;
    const cursor = tx.objectStore(COPIES).openCursor();
    cursor.onerror = () => reject(cursor.error);
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return resolve(removed);
      if (!(c.value.savedAt >= savedBefore)) { c.delete(); removed += 1; }
      c.continue();
    };
  }), false).catch(() => 0);
}

/** The installable shell: registers the service worker and resolves once it is active. */
async function installShell() {
  if (!('serviceWorker' in navigator)) return false;
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  await navigator.serviceWorker.ready;
  return true;
}

/** Everything reading offline left in this browser: the copies and their key, the service
 *  worker and the shell it cached. */
async function forgetAll() {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DB);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
  if ('serviceWorker' in navigator) {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  }
  if ('caches' in self) {
    const sweep = async () => {
      for (const name of await caches.keys()) if (name.startsWith(SHELL_CACHE_PREFIX)) await caches.delete(name);
    };
    await sweep();
    // A request the old worker was serving while we deleted may have opened the shell's cache
    // again (opening creates it): sweep again once such requests have settled.
    for (const ms of [1000, 4000]) setTimeout(() => sweep().catch(() => {}), ms);
  }
}

globalThis.inboxOfflineStore = { saveCopy, readCopy, listCopies, purgeCopies, installShell, forgetAll };
