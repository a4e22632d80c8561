"""A build killed at any moment never costs the last good site, and the next build clears what it left."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.output import recover

from .helpers import FIXTURE, ROOT, copy_fixture, run_build, tree

# Runs build.py in a child whose os.rename kills the process right after its Nth call: the swap is
# "site -> .site-old-*/site" then ".site-new-* -> site", so N=1 stops it with no site/ in place.
_KILL_AFTER_RENAME = """
import os, signal, sys
sys.path.insert(0, {root!r})
real, calls = os.rename, []
def rename(src, dst):
    real(src, dst)
    calls.append(dst)
    if len(calls) == {n}:
        os.kill(os.getpid(), signal.SIGKILL)
os.rename = rename
import build
sys.exit(build.main(["--content", {content!r}, "--out", {out!r}]))
"""


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site-"))


def _build_killed_after_rename(content: Path, out: Path, n: int) -> None:
    script = _KILL_AFTER_RENAME.format(root=str(ROOT), content=str(content), out=str(out), n=n)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == -signal.SIGKILL, result.stderr


def test_a_kill_between_the_two_renames_is_undone_by_the_next_build_even_a_failing_one(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run_build(FIXTURE, out).returncode == 0
    good = tree(out)
    content = copy_fixture(tmp_path)
    (content / "about.md").write_text((content / "about.md").read_text() + "\nA new paragraph.\n")

    _build_killed_after_rename(content, out, 1)
    assert not out.exists(), "the kill was meant to land between the renames"
    assert any(p.name.startswith(".site-old-") for p in tmp_path.iterdir())

    (content / "index.md").write_text("---\ntitle: [unclosed\n---\n")  # the next build fails...
    result = run_build(content, out)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert tree(out) == good, "...and still puts the last good site back"
    assert _leftovers(tmp_path) == []


def test_the_dev_server_restores_the_site_a_killed_build_set_aside(tmp_path: Path) -> None:
    from sitegen.build_cache import BuildCache
    from sitegen.serve import rebuild

    out = tmp_path / "site"
    assert run_build(FIXTURE, out).returncode == 0
    good = tree(out)
    _build_killed_after_rename(FIXTURE, out, 1)
    assert not out.exists()
    content = copy_fixture(tmp_path)
    (content / "site.yml").write_text("name: [broken\n")  # even a first build that fails...
    assert not rebuild(ROOT, content, out, None, BuildCache(), first=True)
    assert tree(out) == good, "...leaves serve the last good site to show"
    assert _leftovers(tmp_path) == []


def test_killed_builds_at_random_moments_never_lose_the_site_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "site"
    started = time.perf_counter()
    assert run_build(FIXTURE, out).returncode == 0
    duration = time.perf_counter() - started
    good = tree(out)
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    delays = [duration * rng.uniform(0.3, 1.1) for _ in range(4)]  # most of a run is start-up: aim later
    for delay in delays:
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "--content", str(FIXTURE), "--out", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        )
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        recover(out)  # what the next build or serve does first
        assert tree(out) == good, f"killed after {delay:.2f} s (delays {delays}): the site was lost or changed"
    assert _leftovers(tmp_path) == [], f"delays {delays}"
    # Folders left by killed builds go at the next build's start, whatever the build then does.
    _build_killed_after_rename(FIXTURE, out, 2)  # a kill after the swap, before the old site was removed
    (tmp_path / f".site-new-{2**22 + 7}-abc").mkdir()  # a dead process's half-written folder
    assert len(_leftovers(tmp_path)) == 2
    assert run_build(FIXTURE, out).returncode == 0
    assert tree(out) == good and _leftovers(tmp_path) == []


def test_the_staging_folders_of_a_build_still_running_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        busy = tmp_path / f".site-new-{sleeper.pid}-abc"
        busy.mkdir()
        recover(out)
        assert busy.is_dir(), "another build's half-written folder was removed under it"
    finally:
        sleeper.kill()
        sleeper.wait()
    recover(out)
    assert not busy.exists()


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has stopped writing, whoever reaps it


@pytest.mark.skipif(not shutil.which("setpriv") or not Path("/proc/self/task").is_dir(),
                    reason="Pagefind dies with its build only on Linux with util-linux's setpriv")
def test_a_killed_builds_pagefind_stops_too(tmp_path: Path) -> None:
    # A Pagefind that takes a minute (it writes a marker first, then becomes `sleep`): once the build is
    # killed it must not live on to write into the build's folder.
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\ntouch {tmp_path}/indexing\nexec sleep 60\n")
    fake.chmod(0o755)
    out = tmp_path / "site"
    child = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(FIXTURE), "--out", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                             env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)})
    deadline = time.monotonic() + 20
    while not (tmp_path / "indexing").exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    indexer = _children(child.pid)
    child.kill()
    child.wait()
    assert len(indexer) == 1, "the build was not indexing when killed"
    deadline = time.monotonic() + 5
    while _alive(indexer[0]) and time.monotonic() < deadline:
        time.sleep(0.01)
    alive = _alive(indexer[0])
    if alive:
        os.kill(indexer[0], signal.SIGKILL)
    assert not alive, "Pagefind went on running after its build was killed"
    recover(out)
    assert _leftovers(tmp_path) == []
