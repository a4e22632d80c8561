// Module worker that runs the Python scoring engine on Pyodide, off the main thread.
// Protocol (JSON strings cross the boundary as plain strings):
//   page → worker  {type: "init", pyodide, index, stdlib, engine, lock, sitePackages, snapshot, snapshotKey}
//                  {type: "rounds", summary: "<rounds summary JSON>"}  (once: every later result compares
//                                                        with it; see calculator/rounds.py)
//                  {type: "score", id, profile: "<profile JSON>"}
//                  {type: "snapshot", ...the same URLs as init}   (to a second, short-lived worker: see below)
//   worker → page  {type: "status", state: "starting"}   runtime downloaded, Python starting
//                  {type: "ready", ms, marks, snapshot}  engine imported (marks: start-up timeline; snapshot: how
//                                                        it started: "restored"; "missing" (the page then asks
//                                                        for one); "failed", "unavailable" or "off": no snapshot)
//                  {type: "result", id, result: "<result JSON>", ms}
//                  {type: "error", message}             start-up failed (the page offers a retry)
//                  {type: "snapshot", state, bytes}      the snapshot worker's answer: "stored" or "failed"
//
// Memory snapshot (a repeat visit starts in a fraction of the time): Python's start-up (~0.5 s of importing the
// standard library) is the same on every visit, so after a first visit the page asks a second worker, one that
// never receives a profile, to start Python, import the engine and store the whole memory image in Cache
// Storage. Later visits restore it instead of starting Python. The image is keyed by the content-hashed URLs of
// this script, the standard library and the engine (the page makes the key, calculator.mjs's snapshotKey, and
// looks it up too), so a new build never restores an old one; a missing, unreadable or failed snapshot falls back to the normal start. It uses Pyodide's private
// `_makeSnapshot`/`_loadSnapshot` options (checked by Pyodide against its own build id).
const SNAPSHOT_CACHE = "ee-calculator-snapshot";
const SNAPSHOT_MARK = "_ee_snapshot_key"; // set in __main__ of the snapshot, checked after restoring it

let scoreJson = null;
let useRounds = null;
let roundsSummary = null; // kept until the engine is imported, then handed to it
let failed = false;

function fail(message) {
  if (failed) return;
  failed = true;
  self.postMessage({ type: "error", message });
}

// Pyodide only logs a failed wasm or stdlib download and then waits forever; watching our own fetches
// turns a blocked or missing file into an immediate, visible failure instead of a 30-second timeout.
const realFetch = self.fetch.bind(self);
self.fetch = (...args) =>
  realFetch(...args).then(
    (response) => {
      if (!response.ok) fail(`HTTP ${response.status} for ${response.url}`);
      return response;
    },
    (error) => {
      fail(`could not download ${String(args[0])}: ${error}`);
      throw error;
    },
  );

async function snapshotCache() {
  return self.caches ? await caches.open(SNAPSHOT_CACHE) : null; // no Cache Storage: no snapshot, no error
}

// Two thirds of the memory image are pages of zeros: it is stored without them (31 MB → 11 MB), which makes
// reading it back on a repeat visit, the part that counts, about three times faster. Stored form: a 16-byte
// header ("EESNAP01", the image's length, the page size), one byte per page (1: stored), the stored pages.
const PAGE = 4096;
const MAGIC = [0x45, 0x45, 0x53, 0x4e, 0x41, 0x50, 0x30, 0x31]; // "EESNAP01"

function packSnapshot(image) {
  const pages = Math.ceil(image.byteLength / PAGE);
  const used = new Uint8Array(pages);
  const words = new Uint32Array(image.buffer, image.byteOffset, Math.floor(image.byteLength / 4));
  let count = 0;
  for (let p = 0; p < pages; p++) {
    const end = Math.min((p + 1) * PAGE, image.byteLength);
    let w = (p * PAGE) / 4;
    while (w < end / 4 && words[w] === 0) w++;
    if (w * 4 < end || image.subarray(w * 4, end).some((b) => b !== 0)) {
      used[p] = 1;
      count++;
    }
  }
  const packed = new Uint8Array(16 + pages + count * PAGE);
  packed.set(MAGIC);
  new DataView(packed.buffer).setUint32(8, image.byteLength, true);
  new DataView(packed.buffer).setUint32(12, PAGE, true);
  packed.set(used, 16);
  let at = 16 + pages;
  for (let p = 0; p < pages; p++) {
    if (!used[p]) continue;
    const page = image.subarray(p * PAGE, Math.min((p + 1) * PAGE, image.byteLength));
    packed.set(page, at);
    at += PAGE;
  }
  return packed;
}

// Unpacks a stored snapshot into `image` (zeros, of the length it was stored with); false if `packed` is not one
// (truncated, another format...), and then `image` is left as it was.
function unpackSnapshot(packed, image) {
  if (packed.byteLength < 16 || MAGIC.some((b, i) => packed[i] !== b)) return false;
  const view = new DataView(packed.buffer, packed.byteOffset);
  const length = view.getUint32(8, true);
  const pages = Math.ceil(length / PAGE);
  if (length !== image.byteLength || view.getUint32(12, true) !== PAGE || packed.byteLength < 16 + pages) return false;
  const used = packed.subarray(16, 16 + pages);
  const count = used.reduce((n, u) => n + u, 0);
  if (packed.byteLength !== 16 + pages + count * PAGE) return false;
  let at = 16 + pages;
  for (let p = 0; p < pages; p++) {
    if (!used[p]) continue;
    const size = Math.min(PAGE, length - p * PAGE);
    image.set(packed.subarray(at, at + size), p * PAGE);
    at += PAGE;
  }
  return true;
}

const hex = (digest) => Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");

// The stored snapshot of this build: {state: "found", length, fill(image)}, or {state} "unavailable" (no Cache
// Storage), "missing" (none stored) or "failed" (an earlier one did not restore).
async function findSnapshot(key) {
  let response;
  try {
    const cache = await snapshotCache();
    if (!cache) return { state: "unavailable" };
    response = await cache.match(key);
  } catch {
    return { state: "unavailable" };
  }
  if (!response) return { state: "missing" };
  const length = Number(response.headers.get("x-snapshot-length"));
  const sha256 = response.headers.get("x-snapshot-sha256");
  if (response.headers.get("x-snapshot") !== "ok" || !(length > 0) || !sha256) return { state: "failed" };
  return {
    state: "found",
    length,
    // Read, checked and unpacked into `image` while the wasm compiles. The checksum guards against a damaged
    // copy: an image left empty fails Pyodide's own check, and the start falls back.
    fill: async (image) => {
      const packed = await response.arrayBuffer();
      return hex(await crypto.subtle.digest("SHA-256", packed)) === sha256 && unpackSnapshot(new Uint8Array(packed), image);
    },
  };
}

// A snapshot that did not restore is replaced by a marker, so this build never tries (or makes) it again.
async function markSnapshotFailed(key) {
  try {
    await (await snapshotCache())?.put(key, new Response("", { headers: { "x-snapshot": "failed" } }));
  } catch {
    // Cache Storage gone or full: the next visit tries (and fails) again, then starts normally.
  }
}

function loader(cfg, mark = () => {}) {
  // Load Emscripten's glue (1.2 MB of JavaScript) alongside the small loader instead of after it: Pyodide
  // takes the module's factory through its createPyodideModule option.
  const glue = import(cfg.index + "pyodide.asm.mjs");
  glue.catch(() => {}); // a failure surfaces through loadPyodide
  const pyodide = import(cfg.pyodide);
  pyodide.then(() => mark("loader"), () => {});
  return async (options) =>
    (await pyodide).loadPyodide({
      indexURL: cfg.index,
      stdLibURL: cfg.stdlib,
      lockFileContents: cfg.lock, // no lock file request: the engine needs no packages
      createPyodideModule: async (settings) => (await glue).default(settings),
      stdout: () => {},
      stderr: (s) => console.warn(s),
      ...options,
    });
}

function fetchEngine(cfg) {
  // Fetched while Pyodide downloads and starts.
  const engine = fetch(cfg.engine).then((r) => {
    if (!r.ok) throw new Error(`engine: HTTP ${r.status}`);
    return r.arrayBuffer();
  });
  engine.catch(() => {}); // reported once Pyodide is up
  return engine;
}

async function start(cfg) {
  const t0 = performance.now();
  const marks = {}; // ms since the worker started, for bench/: where start-up time goes
  const mark = (name) => (marks[name] = Math.round(performance.now()));
  const engine = fetchEngine(cfg);
  const load = loader(cfg, mark);
  const key = cfg.snapshot ? cfg.snapshotKey : null;
  // Called once the wasm is compiled and the file system exists, before Python starts (or is restored).
  const fsInit = async () => {
    mark("runtime");
    self.postMessage({ type: "status", state: "starting" });
  };
  let snapshot = "off";
  let py = null;
  const found = key ? await findSnapshot(key) : null;
  if (found) snapshot = found.state;
  if (snapshot === "found") {
    // Pyodide copies the image into memory only after fsInit, which waits for it to be filled.
    const image = new Uint8Array(found.length);
    const filled = found.fill(image).then(
      (ok) => {
        mark("snapshot");
        return ok;
      },
      () => false,
    );
    const fsInitRestored = async () => {
      await filled;
      await fsInit();
    };
    // Handed over once, so that the 31 MB image is not kept alive by Pyodide's copy of its options.
    let handOver = image;
    const once = {
      then(resolve) {
        const bytes = handOver;
        handOver = null;
        resolve(bytes);
      },
    };
    try {
      py = await load({ fsInit: fsInitRestored, _loadSnapshot: once });
      if (py.globals.get(SNAPSHOT_MARK) !== key) throw new Error("the snapshot belongs to another build");
      snapshot = "restored";
    } catch (e) {
      console.warn("calculator: the stored snapshot did not restore; starting Python normally.", e);
      py = null;
      snapshot = "failed";
      markSnapshotFailed(key);
    }
  }
  py ??= await load({ fsInit });
  mark("python");
  // Even when restored (the engine is already imported), its files go back into the file system, which is not
  // part of the memory image, for anything the engine reads later.
  py.unpackArchive(new Uint8Array(await engine), "zip", { extractDir: cfg.sitePackages });
  const calculator = py.pyimport("calculator");
  scoreJson = calculator.score_json;
  useRounds = calculator.use_rounds;
  if (roundsSummary !== null) useRounds(roundsSummary);
  mark("engine");
  self.postMessage({ type: "ready", ms: Math.round(performance.now() - t0), marks, snapshot });
}

// The snapshot worker: Python started and the engine imported, nothing scored, the memory image stored.
async function makeSnapshot(cfg) {
  const key = cfg.snapshotKey;
  const engine = fetchEngine(cfg);
  const py = await loader(cfg)({ _makeSnapshot: true });
  py.unpackArchive(new Uint8Array(await engine), "zip", { extractDir: cfg.sitePackages });
  py.pyimport("calculator");
  // The parts of the plan the engine imports on first use go into the image too, so repeat visits never pay.
  py.runPython("import calculator.swap, calculator.timeline, calculator.documents, calculator.occupations");
  py.globals.set(SNAPSHOT_MARK, key);
  const image = py.makeMemorySnapshot();
  const packed = packSnapshot(image);
  const cache = await snapshotCache();
  if (!cache) throw new Error("no Cache Storage");
  for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old); // earlier builds'
  const headers = {
    "content-type": "application/octet-stream",
    "x-snapshot": "ok",
    "x-snapshot-length": String(image.byteLength),
    "x-snapshot-sha256": hex(await crypto.subtle.digest("SHA-256", packed)),
  };
  await cache.put(key, new Response(packed, { headers }));
  return packed.byteLength;
}

self.onmessage = ({ data }) => {
  if (data.type === "init") {
    start(data).catch((e) => fail(String(e && e.message ? e.message : e)));
  } else if (data.type === "snapshot") {
    makeSnapshot(data).then(
      (bytes) => self.postMessage({ type: "snapshot", state: "stored", bytes }),
      async (e) => {
        await markSnapshotFailed(data.snapshotKey); // not tried again for this build
        self.postMessage({ type: "snapshot", state: "failed", message: String(e && e.message ? e.message : e) });
      },
    );
  } else if (data.type === "rounds") {
    roundsSummary = data.summary;
    if (useRounds) useRounds(roundsSummary);
  } else if (data.type === "score" && scoreJson) {
    const t = performance.now();
    let result;
    try {
      result = scoreJson(data.profile);
    } catch (e) {
      // score_json is documented never to raise; keep the page alive if it does.
      result = JSON.stringify({ errors: [{ field: "", message: String(e && e.message ? e.message : e) }] });
    }
    self.postMessage({ type: "result", id: data.id, result, ms: performance.now() - t });
  }
};
