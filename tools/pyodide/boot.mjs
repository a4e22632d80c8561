// Start Pyodide in Node the way the browser worker does (calculator-worker.mjs):
// a given standard library zip, no lock file fetched, the engine zip unpacked into
// site-packages with unpackArchive. Shared by find_stdlib_modules.mjs and
// check_bundle.mjs so both exercise the shipped start-up path. `runtime`: a folder with the site's own copies
// of pyodide.mjs and pyodide.asm.mjs (minified by the build) and the wasm; the npm package's by default.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const pyodideDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules", "pyodide");

export async function boot({ stdlib, engine, runtime = pyodideDir, sitePackages = "/lib/python3.14/site-packages" }) {
  const { loadPyodide } = await import(join(resolve(runtime), "pyodide.mjs"));
  const lock = JSON.parse(readFileSync(join(pyodideDir, "pyodide-lock.json"), "utf8"));
  const py = await loadPyodide({
    indexURL: resolve(runtime) + "/",
    stdLibURL: stdlib ? resolve(stdlib) : undefined,
    lockFileContents: { info: lock.info, packages: {} },
    stdout: (s) => process.stderr.write(s + "\n"),
    stderr: (s) => process.stderr.write(s + "\n"),
  });
  // Node hands out Buffers; unpackArchive wants a plain Uint8Array.
  py.unpackArchive(new Uint8Array(readFileSync(engine)), "zip", { extractDir: sitePackages });
  const scoreJson = py.pyimport("calculator").score_json;
  return { py, scoreJson };
}

// Python's view of which standard-library modules are loaded: from the stdlib zip, or frozen into Pyodide.
export function stdlibModulesLoaded(py) {
  return JSON.parse(
    py.runPython(`
import json, sys
def origin(m):
    return getattr(getattr(m, "__spec__", None), "origin", None) or ""
mods = list(sys.modules.items())
json.dumps({
    "zip": sorted(n for n, m in mods if origin(m).startswith("/lib/python314.zip/")),
    "frozen": sorted(n for n, m in mods if origin(m) == "frozen"),
})`),
  );
}
