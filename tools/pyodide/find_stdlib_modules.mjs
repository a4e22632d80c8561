// Print (JSON) the standard-library modules Pyodide's start-up, unpackArchive and the engine scoring every
// given profile import: {"zip": [...from python_stdlib.zip...], "frozen": [...built into Pyodide...]}.
// Usage: node tools/pyodide/find_stdlib_modules.mjs STDLIB.zip ENGINE.zip PROFILES.json [IMPORTS.json]
// STDLIB.zip: the standard library to start from (sources are fine).
// PROFILES.json: a JSON list of profile texts. Valid and invalid ones both matter: error paths import
// modules too. IMPORTS.json: module names imported afterwards (the engine's rarely used imports, so their
// own imports are found as well).
import { readFileSync } from "node:fs";
import { boot, stdlibModulesLoaded } from "./boot.mjs";

const [stdlibPath, enginePath, profilesPath, importsPath] = process.argv.slice(2);
const { py, scoreJson } = await boot({ stdlib: stdlibPath, engine: enginePath });
for (const text of JSON.parse(readFileSync(profilesPath, "utf8"))) scoreJson(text);
const importModule = py.pyimport("importlib").import_module;
for (const name of importsPath ? JSON.parse(readFileSync(importsPath, "utf8")) : []) importModule(name);
process.stdout.write(JSON.stringify(stdlibModulesLoaded(py)) + "\n");
