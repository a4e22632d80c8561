"""Small helpers for the generator's tests: a scratch copy of the fixture site, and the build's CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "content"


def copy_fixture(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    return content


def run_build(content: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out), *extra],
        capture_output=True, text=True, cwd=ROOT,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_real_site(out: Path, *extra: str) -> Path:
    """The real ``content/`` built into ``out``; a failed build fails the test with the build's messages."""
    result = run_build(ROOT / "content", out, *extra)
    assert result.returncode == 0, result.stderr
    return out


def leaves(value: object) -> list[str]:
    """Every text in a strings file's nested mappings and lists."""
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in leaves(v)]
    return [value] if isinstance(value, str) else []
