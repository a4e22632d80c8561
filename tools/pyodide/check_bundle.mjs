// Score profiles on the shipped bundle: the trimmed, precompiled standard library and the engine zip,
// started as the browser worker starts them. A module left out of the trimmed zip shows up here as
// ModuleNotFoundError (exit status 1, the Python error on stderr).
// Usage: node tools/pyodide/check_bundle.mjs STDLIB.zip ENGINE.zip PROFILES.json [RUNTIME_DIR]
// RUNTIME_DIR: the site's pyodide/<version>/ folder, to run on the JavaScript the site ships (see boot.mjs).
// Prints a JSON list of result texts, one per profile, in order.
import { readFileSync } from "node:fs";
import { boot } from "./boot.mjs";

const [stdlibPath, enginePath, profilesPath, runtime] = process.argv.slice(2);
try {
  const { scoreJson } = await boot({ stdlib: stdlibPath, engine: enginePath, runtime });
  const results = JSON.parse(readFileSync(profilesPath, "utf8")).map((text) => scoreJson(text));
  process.stdout.write(JSON.stringify(results) + "\n");
} catch (error) {
  process.stderr.write(`check_bundle: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
}
