// Print (JSON) the standard-library modules imported from python_stdlib.zip by
// Pyodide's start-up, unpackArchive and the engine scoring every given profile.
// Usage: node tools/pyodide/find_stdlib_modules.mjs ENGINE.zip PROFILES.json
// PROFILES.json: a JSON list of profile texts (strings). Valid and invalid ones
// both matter: error paths import modules too.
import { readFileSync } from "node:fs";
import { boot, stdlibModulesLoaded } from "./boot.mjs";

const [enginePath, profilesPath] = process.argv.slice(2);
const { py, scoreJson } = await boot({ engine: enginePath });
for (const text of JSON.parse(readFileSync(profilesPath, "utf8"))) scoreJson(text);
process.stdout.write(JSON.stringify(stdlibModulesLoaded(py)) + "\n");
