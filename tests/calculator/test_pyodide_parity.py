"""The engine gives the same results under Pyodide (Node, npm `pyodide`) as in CPython, profile by profile."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import calculator

from .profiles import generate

ROOT = Path(calculator.__file__).resolve().parents[1]
PYODIDE = ROOT / "node_modules" / "pyodide" / "pyodide.mjs"
SCRIPT = ROOT / "tools" / "pyodide" / "run_engine.mjs"
N = 1200

pytestmark = pytest.mark.node


def zip_package(dest: Path) -> Path:
    """The calculator package as a zip, the way the site ships it (sources and data, no caches)."""
    pkg = Path(calculator.__file__).parent
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(pkg.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                z.write(f, f.relative_to(pkg.parent).as_posix())
    return dest


@pytest.fixture(scope="module")
def node() -> str:
    if not PYODIDE.exists():
        pytest.skip("node_modules/pyodide is missing: run `npm ci` to test the engine under Pyodide")
    exe = shutil.which("node")
    if exe is None:
        pytest.skip("node is not installed: Node 20 is needed to run Pyodide")
    return exe


def test_same_results_as_cpython(node: str, tmp_path: Path) -> None:
    profiles = generate(N)
    (tmp_path / "profiles.json").write_text(json.dumps(profiles))
    expected = [json.loads(calculator.score_json(json.dumps(p))) for p in profiles]
    res = subprocess.run([node, str(SCRIPT), str(zip_package(tmp_path / "calculator.zip")),
                          str(tmp_path / "profiles.json"), str(tmp_path / "out.json")],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["python"].startswith("3.")
    got = out["results"]
    assert len(got) == len(profiles) == N
    # A few profiles have no rules_date and score as of "today" (Pyodide reads the clock through JavaScript);
    # only a run that crosses midnight may see two different days there.
    mismatches = [i for i, (a, b) in enumerate(zip(expected, got, strict=True))
                  if a != b and not ("rules_date" not in profiles[i] and a.get("rules", {}).get("date")
                                     != b.get("rules", {}).get("date"))]
    assert not mismatches, f"{len(mismatches)} differ, first #{mismatches[0]}: {profiles[mismatches[0]]}"
    # the sample exercises both outcomes
    assert sum("errors" in r for r in got) >= 20 and sum("total" in r for r in got) >= 1000
