// Build-time precompiler: Pyodide's own Python (run here in Node) compiles the
// standard library modules the calculator needs, and the engine package, to .pyc.
// Only Pyodide's interpreter can do this: the .pyc magic number and bytecode must
// match Python 3.14 as built for Pyodide, not the CPython that runs build.py.
//
// Usage: node tools/pyodide/precompile.mjs JOB.json
// JOB.json: {
//   "stdlib":  {"modules": ["json", ...], "optimize": 2, "out": "/abs/python_stdlib.zip"},   (optional)
//   "package": {"dir": "/abs/calculator", "name": "calculator", "files": ["__init__.py", ...],
//               "out": "/abs/engine.zip"}                                                      (optional)
// }
// stdlib: a zip of sourceless .pyc files with unchecked-hash headers (zipimport
// loads them without sources). package: likewise sourceless .pyc beside the data files,
// with unchecked-hash headers (formerly the sources too, for tracebacks), so imports skip
// compiling. Both zips are deterministic (sorted entries, fixed timestamps).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pyodideDir = join(here, "..", "..", "node_modules", "pyodide");
const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const lock = JSON.parse(readFileSync(join(pyodideDir, "pyodide-lock.json"), "utf8"));
const py = await loadPyodide({
  indexURL: pyodideDir + "/",
  lockFileContents: { info: lock.info, packages: {} },
  // A fixed hash seed keeps frozenset constants in a fixed order: two builds give the same bytes.
  // No column tables in the code objects: a quarter fewer bytes to download and unmarshal (tracebacks keep
  // their line numbers, only lose the ^^^ markers).
  env: { PYTHONHASHSEED: "0", PYTHONNODEBUGRANGES: "1" },
  stdout: (s) => process.stderr.write(s + "\n"),
});

const PRECOMPILE = String.raw`
import importlib.util, io, json, marshal, os, zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)


def pyc(source: bytes, filename: str, optimize: int) -> bytes:
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    # PEP 552 header: magic, flags=0b01 (hash-based, not checked against the source), hash.
    return importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little") + importlib.util.source_hash(source) + marshal.dumps(code)


def add(zout, name, data):
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zout.writestr(info, data, compresslevel=9)


def add_dir(zout, name):
    info = zipfile.ZipInfo(name.rstrip("/") + "/", date_time=EPOCH)
    info.external_attr = (0o40755 << 16) | 0x10
    zout.writestr(info, b"")


def stdlib(modules, optimize):
    zin = zipfile.ZipFile("/lib/python314.zip")
    names = set(zin.namelist())
    files, dirs, missing = {}, set(), []
    for mod in modules:
        base = mod.replace(".", "/")
        if base + "/__init__.py" in names:
            files[base + "/__init__.py"] = mod
            dirs.add(base)
        elif base + ".py" in names:
            files[base + ".py"] = mod
        else:
            missing.append(mod)
    if missing:
        raise SystemExit("not in Pyodide's standard library: " + ", ".join(missing))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for d in sorted(dirs):
            add_dir(zout, d)
        for name in sorted(files):
            data = pyc(zin.read(name), "/lib/python314.zip/" + name, optimize)
            add(zout, name[:-3] + ".pyc", data)
    return buf.getvalue()


# The engine's data files ship without their indentation, and sources.json with only what the engine reads of
# each source (title and address; checked_against, note and the French page are for the site's build): 2.8 KB
# less, compressed, for every first visit. check_bundle.mjs scores profiles on these shipped copies.
def compact_json(rel, data):
    value = json.loads(data)
    if rel.endswith("/data/sources.json"):
        value = {k: {"title": v["title"], "url": v["url"]} for k, v in value.items() if not k.startswith("_")}
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def package(src_dir, name, files):
    # files: paths relative to src_dir, chosen by sitegen.pyodide_bundle.engine_files. Modules ship as sourceless
    # .pyc beside where their .py would be (Python's sourceless import), like the stdlib: 46 KB less for every
    # first visit. A traceback then names the file and line without the source text; score_json never raises.
    entries = [(name + "/" + rel, src_dir + "/" + rel) for rel in files]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for rel, path in sorted(entries):
            with open(path, "rb") as f:
                data = f.read()
            if rel.endswith(".py"):
                target = "/lib/python3.14/site-packages/" + rel
                add(zout, rel[:-3] + ".pyc", pyc(data, target, 0))
            elif rel.endswith(".json"):
                add(zout, rel, compact_json(rel, data))
            else:
                add(zout, rel, data)
    return buf.getvalue()
`;
py.runPython(PRECOMPILE);

if (job.stdlib) {
  const build = py.globals.get("stdlib");
  const bytes = build(py.toPy(job.stdlib.modules), job.stdlib.optimize ?? 2).toJs();
  writeFileSync(job.stdlib.out, bytes);
  build.destroy();
}
if (job.package) {
  // Mount the package directory read-only through NODEFS so Python can walk it.
  py.FS.mkdirTree("/src");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: job.package.dir }, "/src");
  const build = py.globals.get("package");
  const bytes = build("/src", job.package.name, py.toPy(job.package.files)).toJs();
  writeFileSync(job.package.out, bytes);
  build.destroy();
}
