"""Bundle the calculator's runtime into the site: Pyodide, a trimmed precompiled stdlib, the engine.

Start-up time is dominated by compiling standard-library sources, so the build ships only the modules
the engine and Pyodide's start-up import (``tools/pyodide/stdlib-modules.txt``), compiled to ``.pyc``
by Pyodide's own Python under Node. That Node step takes seconds, so its output is cached under
``.cache/pyodide/`` by a hash of its inputs; a rebuild with nothing changed costs a few milliseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from sitegen.calculator_form import form_context
from sitegen.errors import BuildError, BuildFailed
from sitegen.minify import ESBUILD, minify

# What the browser fetches from the npm package; everything else in it stays out of the site.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
MODULES_FILE = Path("tools/pyodide/stdlib-modules.txt")
PRECOMPILE_SCRIPT = Path("tools/pyodide/precompile.mjs")
ENGINE_DIR = Path("calculator")
CACHE_DIR = Path(".cache/pyodide")
STDLIB_OPTIMIZE = 2  # docstrings and asserts stripped from the stdlib only; the engine keeps both
# What GitHub Pages (and tools/ghpages_server.py) send gzipped; the zips are compressed already and go as they are.
HOST_GZIPS = (".mjs", ".wasm")
GZIP_SIZES = "gzip-sizes.json"  # in CACHE_DIR
# Pyodide's JavaScript ships with its whitespace stripped but its local names whole: esbuild's minifier takes
# pyodide.asm.mjs from 260.9 to 242.6 KB gzip and 1.25 to 1.05 MB to parse, pyodide.mjs from 7.4 to 7.2 KB: 18 KB
# off every first visit to the calculator. Safe for this code: Emscripten's glue evaluates the EM_JS and EM_ASM
# bodies with a direct eval, and esbuild renames nothing in a scope that holds one (or its parents), so the names
# those bodies use stay; the engine's test profiles are scored on the shipped files (check_bundle.mjs) and in
# the browser tests. The licence comments stay (--legal-comments=inline). ~0.2 s, so cached like the zips.
MINIFIED_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs")
ESBUILD_FLAGS = ("--minify", "--format=esm", "--charset=utf8", "--legal-comments=inline", "--log-level=error")


def read_module_list(path: Path) -> list[str]:
    """Module names, one a line; ``#`` starts a comment."""
    names = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return sorted({n for n in names if n})


# Files the page never reads: the site's tables and their English words (used at build time), the JSON Schema,
# the command line, and the English words of the engine's codes (the page words each code in its own language,
# from the words it carries; calculator/profile.py, render). Leaving them out of the browser's zip saves over
# 34 KB of its download (compressed).
NOT_IN_BROWSER = frozenset({"criteria.py", "table_words.py", "data/tables.json", "schema.py", "__main__.py",
                            "codes.py", "data/messages.json"})


def engine_files(engine_dir: Path) -> list[Path]:
    """The engine package's files as shipped to the browser: sources and data; no caches, dotfiles,
    documentation, or the modules of NOT_IN_BROWSER."""
    files = []
    for path in sorted(engine_dir.rglob("*")):
        rel = path.relative_to(engine_dir).parts
        shipped = "__pycache__" not in rel and not any(p.startswith(".") for p in rel) \
            and "/".join(rel) not in NOT_IN_BROWSER
        if shipped and path.is_file() and path.suffix not in (".pyc", ".pyo", ".md"):
            files.append(path)
    return files


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


def _short(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _link_or_copy(src: Path, dst: Path) -> None:
    # The runtime files are 11 MB and never written in place: a hard link makes a rebuild ~free. Never copied
    # onto an existing file either, which may be a link to the npm package's own.
    with contextlib.suppress(FileNotFoundError):
        dst.unlink()
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _precompile(root: Path, job: dict[str, Any]) -> None:
    if shutil.which("node") is None:
        raise BuildFailed([BuildError("package.json", 0, "Node.js is needed to precompile the calculator")])
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(job, f)
    try:
        proc = subprocess.run(
            ["node", str(root / PRECOMPILE_SCRIPT), f.name], capture_output=True, text=True, check=False
        )
    finally:
        os.unlink(f.name)
    if proc.returncode:
        detail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise BuildFailed([BuildError(PRECOMPILE_SCRIPT.as_posix(), 0, f"precompiling failed: {detail}")])


def _cached_zips(root: Path, pyodide_dir: Path, modules: list[str]) -> tuple[bytes, bytes]:
    """The precompiled stdlib and engine zips, from the cache or made now (one Node run for both)."""
    script = (root / PRECOMPILE_SCRIPT).read_bytes()
    runtime = (pyodide_dir / "python_stdlib.zip").read_bytes() + (pyodide_dir / "package.json").read_bytes()
    stdlib_key = _digest(runtime, script, "\n".join(modules).encode(), str(STDLIB_OPTIMIZE).encode())
    engine_dir = root / ENGINE_DIR
    parts = [runtime, script]
    for path in engine_files(engine_dir):
        parts += [path.relative_to(engine_dir).as_posix().encode(), path.read_bytes()]
    engine_key = _digest(*parts)

    cache = root / CACHE_DIR
    stdlib_path = cache / f"stdlib-{stdlib_key[:24]}.zip"
    engine_path = cache / f"engine-{engine_key[:24]}.zip"
    job: dict[str, Any] = {}
    for path in (stdlib_path, engine_path):
        with contextlib.suppress(FileNotFoundError):
            os.utime(path)  # in use: a newer build elsewhere must not drop it as stale (see _drop_stale)
    if not stdlib_path.exists():
        job["stdlib"] = {"modules": modules, "optimize": STDLIB_OPTIMIZE, "out": f"{stdlib_path}.tmp{os.getpid()}"}
    if not engine_path.exists():
        # the files to ship are named here, so the zip holds exactly what the cache key was computed from
        job["package"] = {"dir": str(engine_dir.resolve()), "name": ENGINE_DIR.name,
                          "files": [f.relative_to(engine_dir).as_posix() for f in engine_files(engine_dir)],
                          "out": f"{engine_path}.tmp{os.getpid()}"}
    if job:
        cache.mkdir(parents=True, exist_ok=True)
        _precompile(root, job)
        for kind, final in (("stdlib", stdlib_path), ("package", engine_path)):
            if kind in job:
                os.replace(job[kind]["out"], final)  # atomic: concurrent builds never see half a file
                _drop_stale(cache, final)
    return stdlib_path.read_bytes(), engine_path.read_bytes()


STALE_AFTER_S = 24 * 3600


def _drop_stale(cache: Path, current: Path) -> None:
    """Delete older files of the same kind (name before the first "-", suffix), but only those unused for a day:
    a build of another version of the engine running at the same moment (the dev server and the tests, say) may
    be about to read one."""
    now = time.time()
    for stale in cache.glob(current.name.split("-")[0] + "-*" + current.suffix):
        if stale != current:
            with contextlib.suppress(FileNotFoundError):  # another build may drop it first
                if now - stale.stat().st_mtime > STALE_AFTER_S:
                    stale.unlink()


def _runtime_file(root: Path, src: Path, dst: Path) -> None:
    """Put one of Pyodide's runtime files into the site: the JavaScript minified (MINIFIED_RUNTIME, from the
    cache or made now), the rest as it is. Without esbuild (Python-only preview; the theme's minify step already
    says to run `npm ci`) the JavaScript ships as it is too."""
    exe = root / ESBUILD
    if src.name not in MINIFIED_RUNTIME or not exe.is_file():
        _link_or_copy(src, dst)
        return
    version = (root / "node_modules/esbuild/package.json").read_bytes()
    body = src.read_bytes()
    key = _digest(body, version, " ".join(ESBUILD_FLAGS).encode())
    cached = root / CACHE_DIR / f"{src.stem.replace('.', '_')}-{key[:24]}.mjs"  # "_": one kind for _drop_stale
    if not cached.exists():
        proc = subprocess.run([str(exe), str(src), *ESBUILD_FLAGS], capture_output=True, check=False)
        if proc.returncode or not proc.stdout:
            detail = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
            raise BuildFailed([BuildError(f"node_modules/pyodide/{src.name}", 0,
                                          f"esbuild cannot minify it: {detail}")])
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.name}.tmp{os.getpid()}")
        tmp.write_bytes(proc.stdout)
        os.replace(tmp, cached)  # atomic: concurrent builds never see half a file
        _drop_stale(cached.parent, cached)
    with contextlib.suppress(FileNotFoundError):
        os.utime(cached)  # in use (see _drop_stale)
    _link_or_copy(cached, dst)


def _gzip_size(data: bytes) -> int:
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # gzip at the level most hosts use
    return len(packer.compress(data) + packer.flush())


def download_sizes(root: Path, files: dict[str, Path]) -> dict[str, Any]:
    """What the calculator downloads on a first visit: for each site-relative URL, its size as a file (``bytes``,
    what the browser's stream delivers) and over the wire (``wire``, gzipped where the host gzips it); and
    ``wire_bytes``, their total, the figure a visitor on a metered connection is told before it starts.

    Gzipping the 9.6 MB wasm takes 0.7 s, so sizes are cached in ``.cache/pyodide/`` by the file's content hash.
    """
    cache_path = root / CACHE_DIR / GZIP_SIZES
    try:
        cache: dict[str, int] = json.loads(cache_path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        cache = {}
    out: dict[str, Any] = {"files": {}, "wire_bytes": 0}
    changed = False
    for url, path in files.items():
        data = path.read_bytes()
        wire = len(data)
        if path.suffix in HOST_GZIPS:
            key = _short(data)
            if key not in cache:
                cache[key] = _gzip_size(data)
                changed = True
            wire = cache[key]
        out["files"][url] = {"bytes": len(data), "wire": wire}
        out["wire_bytes"] += wire
    if changed:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_path.with_name(f"{cache_path.name}.tmp{os.getpid()}")
        tmp.write_text(json.dumps(cache, sort_keys=True), encoding="utf-8")
        os.replace(tmp, cache_path)  # atomic: concurrent builds never read half a file
    return out


def calculator_lists(language: str = "en") -> bytes:
    """The page's long lists as JSON: the NOC 2021 unit groups [code, title] for the occupation boxes and the
    countries [code, name] (by name) for the police-certificate boxes. 13 KB compressed, for two optional
    questions: the page fetches them when one of those is first used, not with the page.

    In another language the countries are named and sorted in it (CLDR's names, through Babel: "Allemagne"
    for DE); the NOC titles stay in English, the only ones the engine's data has."""
    from calculator.documents import COUNTRIES, HOME
    from calculator.occupations import units

    names = dict(COUNTRIES)
    if language != "en":
        from babel import Locale

        from .formats import LOCALES

        territories = Locale.parse(LOCALES.get(language, language)).territories
        names = {code: territories.get(code, name) for code, name in names.items()}
    countries = sorted(((c, n) for c, n in names.items() if c != HOME), key=lambda x: _sort_key(x[1]))
    return json.dumps({"noc": list(units().items()), "countries": countries}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _sort_key(name: str) -> str:
    """Alphabetical order as a reader expects it: "Émirats" with the E's, not after Z."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)).casefold()


def write_lists(out_dir: Path, language: str) -> str:
    """Write the lists file for ``language`` (its name carries its content's hash) and return its site path."""
    lists = calculator_lists(language)
    name = f"calculator/lists.{_short(lists)}.json"
    (out_dir / "calculator").mkdir(exist_ok=True)
    (out_dir / name).write_bytes(lists)
    return name


BOOT_SCRIPT = Path("templates/inline/calculator-boot.js")


def boot_script(root: Path) -> tuple[str, str]:
    """The page's inline boot script (it starts the big downloads and the worker) and its Content-Security-Policy
    source (its hash), from the same text: the file minified by esbuild, like the theme's scripts (it goes out with
    every visit to the page: 3.4 KB as written, 1.2 KB minified), or without esbuild only without its whole-line
    comments."""
    from sitegen.render import script_hash

    lines = (root / BOOT_SCRIPT).read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip()
    minified = minify(root, {BOOT_SCRIPT.name: text.encode()}, shown_dir=BOOT_SCRIPT.parent.as_posix())
    text = minified[BOOT_SCRIPT.name].decode().strip()
    return text, script_hash(text)


def bundle_calculator(root: Path, out_dir: Path, language: str = "en") -> dict[str, Any]:
    """Write the calculator's runtime under ``out_dir/pyodide/`` and return what the page needs.

    Returned keys (URLs are site-relative, to be prefixed with the base URL): ``pyodide`` (the loader
    module), ``index`` (Pyodide's indexURL), ``wasm`` (the runtime, in ``index``), ``stdlib``, ``engine``
    (zips with content hashes in their names), ``lock`` (JSON text for ``lockFileContents``: no lock file is
    fetched), ``site_packages`` (where the engine zip is unpacked), ``version`` (Pyodide's), ``lists`` (the
    page's occupation and country lists, `calculator_lists`), ``boot`` (the inline script that starts the big
    downloads and the worker, and its CSP hash: `boot_script`); ``download``, the
    size of each of those files and their total over the wire (`download_sizes`); and ``form``, the form's
    choices and strings in ``language`` (`sitegen.calculator_form.form_context`).
    """
    pyodide_dir = root / "node_modules" / "pyodide"
    needed = (*RUNTIME_FILES, "python_stdlib.zip", "pyodide-lock.json", "package.json")
    if not all((pyodide_dir / name).is_file() for name in needed):
        raise BuildFailed([BuildError("package.json", 0, "node_modules/pyodide is missing: run `npm ci`")])
    if not (root / ENGINE_DIR / "__init__.py").is_file():
        raise BuildFailed([BuildError(f"{ENGINE_DIR}/__init__.py", 0, "the calculator engine is missing")])
    version = json.loads((pyodide_dir / "package.json").read_text(encoding="utf-8"))["version"]
    info = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    py_major_minor = ".".join(info["python"].split(".")[:2])

    stdlib, engine = _cached_zips(root, pyodide_dir, read_module_list(root / MODULES_FILE))

    base = f"pyodide/{version}"
    dest = out_dir / base
    dest.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        _runtime_file(root, pyodide_dir / name, dest / name)
    stdlib_name = f"{base}/python_stdlib.{_short(stdlib)}.zip"
    engine_name = f"pyodide/calculator.{_short(engine)}.zip"
    (out_dir / stdlib_name).write_bytes(stdlib)
    (out_dir / engine_name).write_bytes(engine)
    lists_name = write_lists(out_dir, language)
    shipped = {f"{base}/{name}": dest / name for name in RUNTIME_FILES}
    shipped |= {stdlib_name: out_dir / stdlib_name, engine_name: out_dir / engine_name}
    return {
        "version": version,
        "pyodide": f"{base}/pyodide.mjs",
        "index": f"{base}/",
        "wasm": f"{base}/pyodide.asm.wasm",  # Pyodide fetches it from indexURL under this fixed name
        "stdlib": stdlib_name,
        "engine": engine_name,
        "lock": json.dumps({"info": info, "packages": {}}, separators=(",", ":"), sort_keys=True),
        "site_packages": f"/lib/python{py_major_minor}/site-packages",
        "download": download_sizes(root, shipped),
        "lists": lists_name,
        "boot": dict(zip(("script", "csp"), boot_script(root), strict=True)),
        "form": form_context(root, language),
    }
