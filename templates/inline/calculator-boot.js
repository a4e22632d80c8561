// Inlined first in the calculator page's head (allowed by its hash in the Content-Security-Policy): the calculator
// starts while the page itself is still arriving, instead of once calculator.mjs has arrived and run: the two big
// downloads as preloads, and the worker with its init message, so that Pyodide's JavaScript, the snapshot read and
// the wasm compile begin at once. First, because an inline script waits for the stylesheets before it. On a
// metered line (Save-Data, 2G) nothing starts here: calculator.mjs asks the visitor first.
//
// It leaves `self.calcBoot` for calculator.mjs: `boot` (this element's data: the URLs rendered at build time),
// `config()` (what a worker needs to start Python), `preload()`, `metered`, and `early`, the worker started here with the
// events it sent before calculator.mjs took it over (none is lost), or null.
self.calcBoot = (() => {
  const boot = document.currentScript.dataset;
  const abs = (u) => new URL(u, document.baseURI).href;
  // The Cache Storage key of the memory snapshot for this build: a same-origin URL that is never fetched, made of
  // the content-hashed URLs of the worker, the standard library and the engine, so a new build never restores an
  // old one.
  const snapshotKey = () => {
    const parts = { worker: abs(boot.worker), stdlib: boot.stdlib ? abs(boot.stdlib) : undefined,
      engine: abs(boot.engine), sitePackages: boot.sitePackages };
    return new URL(`memory-snapshot?${new URLSearchParams(parts)}`, abs(boot.index)).href;
  };
  // What a worker needs to start Python: this site's URLs only. Without stdlib and lock, Pyodide falls back to its
  // defaults (full stdlib, lock file fetched): bench/ uses that to time the default set-up on this very page.
  const config = () => ({
    pyodide: abs(boot.pyodide),
    index: abs(boot.index),
    stdlib: boot.stdlib ? abs(boot.stdlib) : undefined,
    engine: abs(boot.engine),
    lock: boot.lock ? JSON.parse(boot.lock) : undefined,
    sitePackages: boot.sitePackages,
    snapshot: boot.snapshot === "on", // restore Python from a stored memory snapshot (calculator-worker.mjs)
    snapshotKey: snapshotKey(),
  });
  // The two big files as preloads, once: here, or by calculator.mjs when a metered visitor asks for them.
  const preload = () => {
    if ("calcPreloaded" in document.documentElement.dataset) return;
    for (const url of [boot.wasm, boot.stdlib]) {
      if (!url) continue; // bench/'s page with Pyodide's defaults has neither
      const link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.href = url;
      link.crossOrigin = "anonymous"; // fetch() makes CORS-mode requests
      document.head.append(link);
    }
    document.documentElement.dataset.calcPreloaded = "";
  };
  const c = navigator.connection;
  const metered = Boolean(c && (c.saveData || ["slow-2g", "2g"].includes(c.effectiveType)));
  const out = { boot, config, preload, metered, early: null };
  if (metered) return out;
  preload();
  try {
    const startedAt = Math.round(performance.now());
    const worker = new Worker(abs(boot.worker), { type: "module" });
    const events = [];
    worker.onmessage = (e) => events.push(e);
    worker.onerror = (e) => {
      e.preventDefault();
      events.push(e);
    };
    worker.postMessage({ type: "init", ...config() });
    out.early = { worker, startedAt, events };
  } catch {
    // calculator.mjs starts one itself, or says why it cannot
  }
  return out;
})();
