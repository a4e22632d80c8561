"""``build.py serve``: the first build says "Built", later ones "Rebuilt"; placeholders only warn."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.browser.test_live_reload import free_port

from .helpers import ROOT, copy_fixture


def wait_for(log: Path, pattern: str, proc: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 30
    while not re.search(pattern, text := log.read_text()):
        assert proc.poll() is None and time.monotonic() < deadline, text
        time.sleep(0.1)
    return text


def test_first_build_says_built_and_later_ones_rebuilt(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)  # its site.yml keeps placeholder addresses: serving must still work
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
             "--out", str(tmp_path / "site"), "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
        )
        try:
            started = wait_for(log, "Serving on", proc)
            lines = started.splitlines()
            serving = next(i for i, line in enumerate(lines) if line.startswith("Serving on"))
            assert re.fullmatch(r"Built \d+ pages in \d+ ms", lines[serving - 1]), started
            assert "Rebuilt" not in started
            assert f"{content}/site.yml:4: origin is a placeholder (https://example.test)" in started
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/guide/first/", timeout=10) as response:
                assert response.status == 200

            page = content / "guide" / "first.md"
            page.write_text(page.read_text() + "\nOne more line.\n")
            after = wait_for(log, r"Rebuilt \d+ pages in \d+ ms", proc)
            assert after.count("Built ") == 1
            assert after.count("origin is a placeholder") == 1  # listed once, not after every save
        finally:
            proc.terminate()
            proc.wait(10)


def test_dev_serve_passes_its_options_to_build_py(tmp_path: Path) -> None:
    """``./dev serve --port 8001`` reaches ``build.py serve --port 8001`` (README's promise).

    Run in a scratch copy whose set-up is already done and whose Python only echoes its arguments, so
    nothing is installed and no server starts.
    """
    shutil.copy(ROOT / "dev", tmp_path / "dev")
    for name in ("requirements.txt", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "python $*"\n')
    python.chmod(0o755)
    requirements = hashlib.sha256((tmp_path / "requirements.txt").read_bytes()).hexdigest()[:16]
    (tmp_path / ".venv" / ".installed-requirements.txt").write_text(requirements + "\n")
    (tmp_path / "node_modules").mkdir()
    lock = hashlib.sha256((tmp_path / "package-lock.json").read_bytes()).hexdigest()[:16]
    (tmp_path / "node_modules" / ".installed").write_text(lock + "\n")

    result = subprocess.run(["bash", str(tmp_path / "dev"), "serve", "--port", "8001"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "python build.py serve --port 8001\n"
