"""Writing the site: everything goes into a fresh folder that replaces the old one only at the end.

A failed build therefore leaves the last good site exactly as it was, and a killed one leaves it beside
``site/`` for the next build to put back (``recover``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def write_file(path: str, body: bytes) -> None:
    """Write one output file, making its folder if needed, in as few system calls as the OS allows.

    A build writes thousands of small files: ``Path.write_bytes`` (buffered file object, fstat, isatty,
    lseek, a separate mkdir) takes twice the CPU of open-write-close on the 2,000-page benchmark site.
    """
    try:
        fd = os.open(path, _NEW_FILE, 0o666)  # 0o666: the umask applies, as with open()
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(body)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


class Staging:
    """A new output folder beside the real one; ``commit`` swaps it in.

    The swap is two renames (the old site aside, the new one in): a build killed between them leaves no
    ``site/``, only ``.site-old-<pid>-*/site``. Every build therefore starts with ``recover``, which puts
    that last good site back and removes what killed builds left. Folder names carry the builder's process
    id so that a build running at the same time (``serve`` and a one-off build) never loses its folders.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out_dir)
        self.path = Path(tempfile.mkdtemp(prefix=_prefix(self.out_dir, "new"), dir=self.out_dir.parent))

    def write(self, rel: str, body: bytes) -> None:
        write_file(os.path.join(self.path, rel), body)

    def commit(self) -> None:
        self.path.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        old = None
        if self.out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=_prefix(self.out_dir, "old"), dir=self.out_dir.parent))
            os.rename(self.out_dir, old / _KEPT)
        os.rename(self.path, self.out_dir)
        if old:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


_KEPT = "site"  # the old site's name inside its .site-old-* folder while the new one is moved in


def _prefix(out_dir: Path, kind: str) -> str:
    return f".{out_dir.name}-{kind}-{os.getpid()}-"


def _leftovers(out_dir: Path) -> Iterator[tuple[str, Path]]:
    """(kind, folder) for every staging folder of ``out_dir`` whose build is no longer running."""
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}-(new|old)-(\d+)-")
    try:
        entries = list(os.scandir(out_dir.parent))
    except FileNotFoundError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if match and entry.is_dir(follow_symlinks=False) and not _running(int(match[2])):
            yield match[1], Path(entry.path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process has no build under way while it starts one (serve builds one at a time)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: not ours to judge
    return True


def recover(out_dir: Path) -> None:
    """Undo what killed builds left beside ``out_dir``: restore the last good site if it is missing, then
    remove their half-written and set-aside folders.

    An old folder holds a complete site until the new one is in place: it is only emptied after the second
    rename. So when ``out_dir`` is missing, the newest old folder that still holds a site is the last good one.
    """
    out_dir = out_dir.resolve()
    leftovers = list(_leftovers(out_dir))
    if not out_dir.exists():
        kept = [folder / _KEPT for kind, folder in leftovers if kind == "old" and (folder / _KEPT).is_dir()]
        if kept:
            newest = max(kept, key=lambda p: p.parent.stat().st_mtime_ns)
            os.rename(newest, out_dir)
    for _, folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)
