// Module worker that runs the Python scoring engine on Pyodide, off the main thread.
// Protocol (JSON strings cross the boundary as plain strings):
//   page → worker  {type: "init", pyodide, index, stdlib, engine, lock, sitePackages}  (absolute URLs)
//                  {type: "score", id, profile: "<profile JSON>"}
//   worker → page  {type: "status", state: "starting"}   runtime downloaded, Python starting
//                  {type: "ready", ms, marks}           engine imported (marks: start-up timeline)
//                  {type: "result", id, result: "<result JSON>", ms}
//                  {type: "error", message}             start-up failed (the page offers a retry)
let scoreJson = null;
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

async function start(cfg) {
  const t0 = performance.now();
  const marks = {}; // ms since the worker started, for bench/: where start-up time goes
  const mark = (name) => (marks[name] = Math.round(performance.now()));
  // Fetch the engine zip while Pyodide downloads and starts.
  const engine = fetch(cfg.engine).then((r) => {
    if (!r.ok) throw new Error(`engine: HTTP ${r.status}`);
    return r.arrayBuffer();
  });
  engine.catch(() => {}); // reported below, once Pyodide is up
  // Load Emscripten's glue (1.2 MB of JavaScript) alongside the small loader instead of after it: Pyodide
  // takes the module's factory through its createPyodideModule option.
  const glue = import(cfg.index + "pyodide.asm.mjs");
  glue.catch(() => {}); // a failure surfaces through loadPyodide
  const { loadPyodide } = await import(cfg.pyodide);
  mark("loader");
  const py = await loadPyodide({
    indexURL: cfg.index,
    stdLibURL: cfg.stdlib,
    lockFileContents: cfg.lock, // no lock file request: the engine needs no packages
    createPyodideModule: async (settings) => (await glue).default(settings),
    // Called once the wasm is compiled and the file system exists, before Python starts.
    fsInit: async () => {
      mark("runtime");
      self.postMessage({ type: "status", state: "starting" });
    },
    stdout: () => {},
    stderr: (s) => console.warn(s),
  });
  mark("python");
  py.unpackArchive(new Uint8Array(await engine), "zip", { extractDir: cfg.sitePackages });
  scoreJson = py.pyimport("calculator").score_json;
  mark("engine");
  self.postMessage({ type: "ready", ms: Math.round(performance.now() - t0), marks });
}

self.onmessage = ({ data }) => {
  if (data.type === "init") {
    start(data).catch((e) => fail(String(e && e.message ? e.message : e)));
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
