"""The calculator's Pyodide bundle: the trimmed, precompiled standard library runs the engine's profiles
exactly like CPython; the module list covers the engine's imports; the build step is cached; a missing
``node_modules/pyodide`` says what to do."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

import calculator
from sitegen.errors import BuildFailed
from sitegen.pyodide_bundle import (
    CACHE_DIR,
    ENGINE_DIR,
    MODULES_FILE,
    RUNTIME_FILES,
    STALE_AFTER_S,
    _drop_stale,
    bundle_calculator,
    download_sizes,
    engine_files,
    read_module_list,
)
from tests.calculator.profiles import generate
from tools.pyodide.update_stdlib_modules import LEFT_OUT, engine_imports, frozen_modules

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None or not PYODIDE.is_dir(), reason="needs Node and `npm ci`")
# Odd inputs the browser could send besides real profiles: error paths import modules too.
ODD = ["", "not json", "[]", "null", '{"age": true}', '"text"', "{}", '{"first_language": {"test": "x"}}']


def test_module_list_covers_every_engine_import() -> None:
    shipped = set(read_module_list(ROOT / MODULES_FILE))
    with zipfile.ZipFile(PYODIDE / "python_stdlib.zip") as z:
        in_zip = {n.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
                  for n in z.namelist() if n.endswith(".py")}
    # Modules built into Pyodide (math, time, _json...) or frozen into it (os...) need no entry.
    missing = sorted(m for m in engine_imports() if m in in_zip and m not in shipped | frozen_modules())
    assert missing == [], f"run `python tools/pyodide/update_stdlib_modules.py`: the list lacks {missing}"
    unknown = sorted(shipped - in_zip)
    assert unknown == [], f"not in Pyodide's standard library: {unknown}"
    assert not shipped & set(LEFT_OUT)
    assert not engine_imports() & set(LEFT_OUT), "the engine imports a module the bundle leaves out"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bundle")
    return out, bundle_calculator(ROOT, out)


def test_bundle_layout(bundle: tuple[Path, dict]) -> None:
    out, info = bundle
    version = json.loads((PYODIDE / "package.json").read_text())["version"]
    assert info["index"] == f"pyodide/{version}/"
    shipped = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert shipped == sorted([*(f"pyodide/{version}/{n}" for n in RUNTIME_FILES), info["stdlib"], info["engine"],
                              info["lists"]])
    # The page's lists, fetched when an occupation or countries question is first used: every NOC unit group and
    # every country the engine knows, but Canada.
    lists = json.loads((out / info["lists"]).read_text(encoding="utf-8"))
    from calculator.documents import COUNTRIES, HOME
    from calculator.occupations import units

    assert dict(lists["noc"]) == units() and len(lists["noc"]) == 516
    assert dict(lists["countries"]) == {c: n for c, n in COUNTRIES.items() if c != HOME}
    assert info["stdlib"].startswith(f"pyodide/{version}/python_stdlib.") and info["engine"].startswith(
        "pyodide/calculator.")
    assert json.loads(info["lock"])["packages"] == {}  # lockFileContents: nothing to fetch
    with zipfile.ZipFile(out / info["stdlib"]) as z:
        names = z.namelist()
    assert names and not [n for n in names if n.endswith(".py")], "the stdlib ships as sourceless .pyc"
    with zipfile.ZipFile(out / info["engine"]) as z:
        engine = set(z.namelist())
    # exactly the files the cache key is computed from, each module as sourceless bytecode beside the data files
    shipped_names = {f"calculator/{f.relative_to(ROOT / ENGINE_DIR).as_posix()}"
                     for f in engine_files(ROOT / ENGINE_DIR)}
    assert engine == {n[:-3] + ".pyc" if n.endswith(".py") else n for n in shipped_names}
    assert "calculator/README.md" not in engine and not [n for n in engine if n.endswith(".py")]


@needs_node
def test_pyodide_javascript_ships_minified_and_the_package_is_untouched(bundle: tuple[Path, dict],
                                                                         tmp_path: Path) -> None:
    """The glue loses its long local names (18 KB gzip of every first visit); the wasm ships as it is; a second
    build into an output that already holds the files never writes through a hard link into node_modules."""
    out, info = bundle
    before = {n: hashlib.sha256((PYODIDE / n).read_bytes()).hexdigest() for n in RUNTIME_FILES}
    for name in ("pyodide.mjs", "pyodide.asm.mjs"):
        shipped, package = (out / info["index"] / name).read_bytes(), (PYODIDE / name).read_bytes()
        assert len(shipped) < len(package) and shipped.startswith(b"async function") == package.startswith(
            b"async function")
    assert len((out / info["index"] / "pyodide.asm.mjs").read_bytes()) < 0.9 * len(
        (PYODIDE / "pyodide.asm.mjs").read_bytes())
    assert (out / info["index"] / "pyodide.asm.wasm").read_bytes() == (PYODIDE / "pyodide.asm.wasm").read_bytes()
    again = tmp_path / "again"
    bundle_calculator(ROOT, again)
    bundle_calculator(ROOT, again)  # onto its own earlier output
    assert before == {n: hashlib.sha256((PYODIDE / n).read_bytes()).hexdigest() for n in RUNTIME_FILES}
    assert (again / info["index"] / "pyodide.asm.mjs").read_bytes() == (out / info["index"] / "pyodide.asm.mjs"
                                                                         ).read_bytes()


def test_download_sizes_are_those_of_the_shipped_files(bundle: tuple[Path, dict]) -> None:
    """The size a metered visitor is told (issue 18): every shipped file, gzipped where the host gzips it."""
    out, info = bundle
    shipped = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    files = info["download"]["files"]
    assert sorted(files) == [s for s in shipped if s != info["lists"]]  # the lists come only when needed
    for rel, size in files.items():
        data = (out / rel).read_bytes()
        assert size["bytes"] == len(data)
        gzipped = rel.endswith((".mjs", ".wasm"))
        assert size["wire"] == (len(gzip.compress(data, 6)) if gzipped else len(data)), rel
    assert info["download"]["wire_bytes"] == sum(f["wire"] for f in files.values())
    assert 4e6 < info["download"]["wire_bytes"] < 6e6  # the wasm alone is 3.5 MB gzipped


def test_download_sizes_follow_the_files_not_a_stale_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitegen.pyodide_bundle as bundle_module

    monkeypatch.setattr(bundle_module, "CACHE_DIR", tmp_path / "cache")
    js = tmp_path / "a.mjs"
    js.write_text("let x = 1;\n" * 1000)
    first = download_sizes(ROOT, {"a.mjs": js})["files"]["a.mjs"]
    assert first == {"bytes": 11000, "wire": len(gzip.compress(js.read_bytes(), 6))}
    js.write_text("".join(f"let x{i} = {i * 7919 % 1000};\n" for i in range(1000)))
    second = download_sizes(ROOT, {"a.mjs": js})["files"]["a.mjs"]
    assert second["wire"] == len(gzip.compress(js.read_bytes(), 6)) != first["wire"]


def test_rebuild_reuses_the_cache_and_is_identical(bundle: tuple[Path, dict], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out, first = bundle

    def no_node(*args: object, **kwargs: object) -> None:
        raise AssertionError("the precompile step ran again although nothing changed")

    monkeypatch.setattr(subprocess, "run", no_node)
    second = bundle_calculator(ROOT, tmp_path)
    assert second == first
    for key in ("stdlib", "engine"):
        assert (tmp_path / second[key]).read_bytes() == (out / first[key]).read_bytes()
    assert any((ROOT / CACHE_DIR).glob("stdlib-*.zip"))


def test_missing_pyodide_says_to_run_npm_ci(tmp_path: Path) -> None:
    (tmp_path / ENGINE_DIR).mkdir()
    with pytest.raises(BuildFailed) as failed:
        bundle_calculator(tmp_path, tmp_path / "out")
    assert str(failed.value) == "package.json: node_modules/pyodide is missing: run `npm ci`"


def check_bundle(stdlib: Path, engine: Path, texts: list[str], tmp_path: Path,
                 runtime: Path | None = None) -> subprocess.CompletedProcess:
    profiles = tmp_path / "profiles.json"
    profiles.write_text(json.dumps(texts), encoding="utf-8")
    return subprocess.run([NODE, str(ROOT / "tools/pyodide/check_bundle.mjs"), str(stdlib), str(engine),
                           str(profiles), *([str(runtime)] if runtime else [])], capture_output=True, text=True,
                          timeout=300)


@needs_node
@pytest.mark.node
def test_trimmed_bundle_scores_every_profile_like_cpython(bundle: tuple[Path, dict], tmp_path: Path) -> None:
    out, info = bundle
    texts = [json.dumps(p) for p in generate(400, seed=4)] + ODD
    texts += [json.dumps(p) for p in generate(100, seed=5, invalid_share=1.0)]
    # on the site's own (minified) copy of Pyodide's JavaScript, as the browser runs it
    proc = check_bundle(out / info["stdlib"], out / info["engine"], texts, tmp_path, runtime=out / info["index"])
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout)
    assert len(got) == len(texts)
    errors = 0
    for text, result in zip(texts, got, strict=True):
        browser, here = json.loads(result), json.loads(calculator.score_json(text))
        # The one difference: the browser's engine has no English words (codes.py and messages.json stay out of
        # its zip), so its errors carry the code and parameters only; the page words them.
        for error in here.get("errors", []):
            assert error.pop("message"), text
            errors += 1
        assert browser == here, text
    assert errors > 100


@needs_node
@pytest.mark.node
def test_a_module_left_out_of_the_zip_fails_the_check(bundle: tuple[Path, dict], tmp_path: Path) -> None:
    out, info = bundle
    leave_out = "bisect"  # the engine's language tables use it
    assert leave_out in engine_imports()
    job = {"stdlib": {"modules": [m for m in read_module_list(ROOT / MODULES_FILE) if m != leave_out],
                      "optimize": 2, "out": str(tmp_path / "short.zip")}}
    (tmp_path / "job.json").write_text(json.dumps(job), encoding="utf-8")
    subprocess.run([NODE, str(ROOT / "tools/pyodide/precompile.mjs"), str(tmp_path / "job.json")], check=True,
                   capture_output=True, timeout=300)
    proc = check_bundle(tmp_path / "short.zip", out / info["engine"], [json.dumps(generate(1)[0])], tmp_path)
    assert proc.returncode != 0
    assert "ModuleNotFoundError" in proc.stderr and leave_out in proc.stderr


def test_older_zips_are_dropped_only_once_unused_for_a_day(tmp_path: Path) -> None:
    """A build of another engine version running at the same moment may be about to read a recent zip."""
    old, recent, current, other = (tmp_path / n for n in ("engine-a.zip", "engine-b.zip", "engine-c.zip",
                                                          "stdlib-a.zip"))
    for path in (old, recent, current, other):
        path.write_bytes(b"zip")
    long_ago = time.time() - STALE_AFTER_S - 60
    for path in (old, other):
        os.utime(path, (long_ago, long_ago))
    _drop_stale(tmp_path, current)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["engine-b.zip", "engine-c.zip", "stdlib-a.zip"]


def test_a_cold_cache_rebuilds_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two precompile runs from empty caches give identical zips: the build is reproducible, not just cached."""
    import sitegen.pyodide_bundle as bundle_module

    zips = []
    for run in ("a", "b"):
        monkeypatch.setattr(bundle_module, "CACHE_DIR", tmp_path / f"cache-{run}")
        info = bundle_calculator(ROOT, tmp_path / f"site-{run}")
        zips.append({key: (tmp_path / f"site-{run}" / info[key]).read_bytes() for key in ("stdlib", "engine")})
        assert list((tmp_path / f"cache-{run}").glob("*.zip")), "the run did not use its own empty cache"
    assert zips[0] == zips[1]
