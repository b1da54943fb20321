// The site's service worker: what a visitor has seen opens again offline
// (a meeting room without network). Pages and snapshots: network first, so
// that online they are the host's latest; each answer is kept, and served
// when the network fails, marked `x-par-offline` so that the page says so.
// The app's own files are named by their hash (Trunk), so never change:
// the kept copy first, which spares a repeat visit their download.
// `scripts/build-site.sh` fills PRECACHE with the build's own files, so
// that the overview and the briefing open offline after one visit to
// either; snapshot files are kept as they are viewed.
const PRECACHE = [];
const VERSION = "dev";
// The app's files, replaced with each build; the snapshot files, kept
// across builds (a new snapshot is handled file by file: forgetChanged).
const APP = "par-app-" + VERSION;
const DATA = "par-data";
const SCOPE = self.registration.scope;
const MANIFEST = new URL("data/manifest.json", SCOPE).href;
// The app's files named by their hash: `app-c54949d1f5e4604f_bg.wasm`.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener("install", (event) => {
  const urls = PRECACHE.map((path) => new URL(path, SCOPE).href);
  event.waitUntil(Promise.all(urls.map(keep)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const old = (name) => name !== APP && name !== DATA;
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter(old).map((name) => caches.delete(name))))
      // A page's request starts while the worker itself starts.
      .then(() => self.registration.navigationPreload && self.registration.navigationPreload.enable())
      .then(() => self.clients.claim()),
  );
});

// The page names each file it loads (index.html): those it loaded before
// this worker took over are fetched again here and kept.
self.addEventListener("message", (event) => {
  if (!Array.isArray(event.data)) return;
  const urls = event.data.filter((url) => typeof url === "string" && ours(url));
  event.waitUntil(Promise.all(urls.map((url) =>
    caches.match(url).then((hit) => hit || keep(url)))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !ours(request.url)) return;
  const answer = HASHED.test(request.url)
    ? caches.match(request).then((hit) => hit || fromNetwork(event))
    : fromNetwork(event).catch(() => fromCache(request));
  event.respondWith(answer);
});

function ours(url) {
  return url.startsWith(SCOPE);
}

function cacheOf(url) {
  return caches.open(url.startsWith(new URL("data/", SCOPE).href) ? DATA : APP);
}

// The answer goes to the page as it arrives and is kept meanwhile; only
// the manifest waits until the kept files it changes are dropped.
async function fromNetwork(event) {
  const request = event.request;
  const response = (await event.preloadResponse) || (await fetch(request));
  if (response.ok) {
    const saving = store(request.url, response.clone());
    if (request.url === MANIFEST) await saving;
    else event.waitUntil(saving);
  }
  return response;
}

async function keep(url) {
  try {
    const response = await fetch(url, { cache: "no-cache" });
    if (response.ok) await store(url, response);
  } catch (_) {
    // Offline already: nothing to keep.
  }
}

async function store(url, response) {
  if (url === MANIFEST) {
    const manifest = await response.clone().json();
    await serially(() => forgetChanged(manifest));
  }
  await serially(async () => (await cacheOf(url)).put(url, response));
  const area = url.match(/\/data\/indicators\/([^/]+)\.json$/);
  if (area) keepBriefingFiles(area[1]);
}

// An area's briefing reads its index files too (the index slide): kept
// with its indicators, so that the briefing opens offline after a visit
// to the overview alone (a build without the index has none: not kept).
async function keepBriefingFiles(code) {
  for (const file of ["index/" + code + ".json", "index/provinces.json"]) {
    const url = new URL("data/" + file, SCOPE).href;
    if (!(await caches.match(url))) await keep(url);
  }
}

// Offline: the copy kept. A page's address with another query (another
// unit, another slide) is the same file.
async function fromCache(request) {
  const page = request.mode === "navigate";
  const hit = (await caches.match(request)) ||
    (page && (await caches.match(request, { ignoreSearch: true })));
  if (!hit) return Response.error();
  const headers = new Headers(hit.headers);
  headers.set("x-par-offline", "1");
  return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
}

// Writes to the caches, one at a time, so that a new manifest's check of
// the kept files (forgetChanged) never interleaves with a file being kept.
let writes = Promise.resolve();
function serially(write) {
  const done = writes.then(write);
  writes = done.catch(() => {});
  return done;
}

// A new snapshot: the kept files whose hash changed (or that are gone) are
// dropped, so that offline a page never mixes two pipeline runs. A copy
// that already is the new run's is kept: the page preloads its first files
// (Trunk.toml) alongside the manifest, so they may be kept before it.
async function forgetChanged(manifest) {
  const data = await caches.open(DATA);
  const old = await data.match(MANIFEST);
  if (!old) return;
  const before = await old.json().catch(() => ({}));
  const now = new Map((manifest.outputs || []).map((f) => [f.file, f.sha256]));
  for (const f of before.outputs || []) {
    const fresh = now.get(f.file);
    if (fresh === f.sha256) continue;
    const url = new URL("data/" + f.file, SCOPE).href;
    const kept = await data.match(url);
    if (kept && (await sha256(kept)) !== fresh) await data.delete(url);
  }
}

async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
