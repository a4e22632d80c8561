// Run the calculator under Pyodide in Node (the runtime the site ships on).
//
//   node tools/pyodide/run_engine.mjs CALCULATOR_ZIP PROFILES_JSON OUT_JSON
//       Scores every profile of PROFILES_JSON (a JSON array) with calculator.score_json and writes the
//       results (a JSON array of parsed results, same order) to OUT_JSON.
//   node tools/pyodide/run_engine.mjs CALCULATOR_ZIP PROFILES_JSON --bench SECONDS
//       Prints {"us_per_score": ..., "calls": ..., "load_ms": ..., "import_ms": ...} as JSON: microseconds
//       per full score (JSON in and out, as the browser calls it) over the profiles, repeated for SECONDS.
//
// CALCULATOR_ZIP is a zip of the calculator/ package (made by the test or the benchmark with zipfile).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pyodideDir = resolve(root, "node_modules", "pyodide");

async function main() {
  const [zipPath, profilesPath, outOrFlag, seconds] = process.argv.slice(2);
  if (!zipPath || !profilesPath || !outOrFlag) {
    process.stderr.write("usage: run_engine.mjs CALCULATOR_ZIP PROFILES_JSON (OUT_JSON | --bench SECONDS)\n");
    process.exit(2);
  }
  const { loadPyodide } = await import(pathToFileURL(resolve(pyodideDir, "pyodide.mjs")).href);
  const t0 = performance.now();
  const pyodide = await loadPyodide({ indexURL: pyodideDir + "/" });
  const loadMs = performance.now() - t0;

  // Unpack the package into site-packages; Node needs a Uint8Array here, not a Buffer.
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(new Uint8Array(readFileSync(zipPath)), "zip", { extractDir: sitePackages });
  const t1 = performance.now();
  const scoreJson = pyodide.runPython("import calculator; calculator.score_json");
  const importMs = performance.now() - t1;
  const version = pyodide.runPython("import sys; sys.version.split()[0]");

  const texts = JSON.parse(readFileSync(profilesPath, "utf8")).map((p) => JSON.stringify(p));
  if (outOrFlag === "--bench") {
    const budget = Number(seconds || "3") * 1000;
    for (const t of texts.slice(0, 50)) scoreJson(t); // warm-up
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < budget) {
      for (const t of texts) scoreJson(t);
      calls += texts.length;
    }
    const elapsed = performance.now() - start;
    process.stdout.write(JSON.stringify({ us_per_score: (elapsed * 1000) / calls, calls, load_ms: loadMs,
      import_ms: importMs, python: version }) + "\n");
  } else {
    const results = texts.map((t) => JSON.parse(scoreJson(t)));
    writeFileSync(outOrFlag, JSON.stringify({ python: version, results }));
  }
  scoreJson.destroy();
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
