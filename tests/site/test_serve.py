"""``build.py serve``: the first build says "Built", later ones "Rebuilt"; placeholders only warn."""

from __future__ import annotations

import re
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
