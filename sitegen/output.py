"""Writing the site: everything goes into a fresh folder that replaces the old one only at the end.

A failed build therefore leaves the last good site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class Staging:
    """A new output folder beside the real one; ``commit`` swaps it in."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}-new-", dir=self.out_dir.parent))

    def write(self, rel: str, body: bytes) -> None:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)

    def commit(self) -> None:
        self.path.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        old = None
        if self.out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}-old-", dir=self.out_dir.parent))
            os.rename(self.out_dir, old / "site")
        os.rename(self.path, self.out_dir)
        if old:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
