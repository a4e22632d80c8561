// Inlined first in the calculator page's head (allowed by its hash in the Content-Security-Policy): the two big
// downloads start while the page itself is still arriving, as preloads written in the markup would, instead of
// once calculator.mjs has arrived and run (a round trip and its own download later). First, because an inline
// script waits for the stylesheets before it. On a metered line (Save-Data, 2G) nothing starts here:
// calculator.mjs asks the visitor first.
(() => {
  const c = navigator.connection;
  if (c && (c.saveData || ["slow-2g", "2g"].includes(c.effectiveType))) return;
  const urls = document.currentScript.dataset;
  for (const url of [urls.wasm, urls.stdlib]) {
    if (!url) continue;
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.href = url;
    link.crossOrigin = "anonymous"; // fetch() makes CORS-mode requests
    document.head.append(link);
  }
  document.documentElement.dataset.calcPreloaded = "";
})();
