"""``build.py serve``: build, serve on 127.0.0.1 and reload the open page after each change.

A broken edit prints its errors and the last good site keeps being served.
"""

from __future__ import annotations

import time
from pathlib import Path

from livereload import Server

from .build import build
from .errors import BuildFailed
from .site import PageCache


def rebuild(root: Path, content_dir: Path, out_dir: Path, base_url: str | None, cache: PageCache) -> bool:
    started = time.perf_counter()
    try:
        report = build(root, out_dir, content_dir, base_url=base_url, cache=cache, live_reload=True)
    except BuildFailed as exc:
        print(f"Build failed; still serving the last good site.\n{exc}", flush=True)
        return False
    print(f"Rebuilt {report.pages} pages in {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    return True


def serve(root: Path, content_dir: Path, out_dir: Path, base_url: str | None, host: str, port: int) -> int:
    cache = PageCache()

    def again() -> None:
        rebuild(root, content_dir, out_dir, base_url, cache)

    if not rebuild(root, content_dir, out_dir, base_url, cache) and not out_dir.exists():
        return 1
    server = Server()
    for folder in (content_dir, root / "templates", root / "calculator"):
        server.watch(str(folder), again, delay=0.05)
    print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    server.serve(root=str(out_dir), host=host, port=port, open_url_delay=None, restart_delay=0)
    return 0
