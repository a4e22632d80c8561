"""``build.py serve``: build, serve on 127.0.0.1 and reload the open page after each change.

A broken edit prints its errors and the last good site keeps being served.
"""

from __future__ import annotations

import time
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import get_watcher_class
from tornado import ioloop

from .build_cache import BuildCache
from .config import SiteConfig, resolve_config
from .errors import BuildFailed
from .pipeline import build
from .search import BackgroundIndex

# livereload injects this inline snippet into every page it serves; the Content-Security-Policy of a
# development build allows exactly it by hash (render.script_hash), rather than loosening script-src for everyone.
LIVERELOAD_SNIPPET = (
    '(function(){var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);})();"
)


def rebuild(
    root: Path, content_dir: Path, out_dir: Path, base_url: str | None, cache: BuildCache, first: bool = False,
    search: BackgroundIndex | None = None, config: SiteConfig | None = None,
) -> bool:
    """Build once; ``first`` is the build the server starts with, which also lists the warnings.

    With ``search`` the search index follows in the background, after the new site is served. ``config``,
    when the caller has just resolved it, saves reading ``site.yml`` again; later rebuilds read it afresh
    (an edit of ``site.yml`` while serving counts).
    """
    started = time.perf_counter()
    try:
        report = build(root, out_dir, content_dir, base_url=base_url, cache=cache, dev_script=LIVERELOAD_SNIPPET,
                       background_index=search, config=config)
    except BuildFailed as exc:
        print(f"Build failed; still serving the last good site.\n{exc}", flush=True)
        return False
    if first:
        for warning in report.warnings:  # a preview works with them; a --strict build would stop
            print(warning, flush=True)
    verb = "Built" if first else "Rebuilt"
    print(f"{verb} {report.pages} pages in {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    return True


def _compiled(filename: str) -> bool:
    """Python's own bytecode files change when the build imports the calculator: not an edit."""
    return "__pycache__" in filename or filename.endswith(".pyc")


class _QuickWatcher(get_watcher_class()):  # type: ignore[misc]
    """Without pyinotify livereload polls every 800 ms; poll every 100 ms (a few hundred stat calls)."""

    def start(self, callback):  # noqa: ANN001, ANN201 - livereload's signature
        if super().start(callback):
            return True
        ioloop.PeriodicCallback(callback, 100).start()
        return True


def _mounted(out_dir: Path, base: str) -> tuple[Path, Path]:
    """(folder to build into, folder to serve) so the site answers under its base URL.

    Under /ee-guide/ the preview is built into .site-serve/ee-guide/ and .site-serve/ is served (the dev
    server will not follow a link out of the folder it serves).
    """
    if base == "/":
        return out_dir, out_dir
    mount = out_dir.parent / f".{out_dir.name}-serve"
    return mount / base.strip("/"), mount


def serve(root: Path, content_dir: Path, out_dir: Path, base_url: str | None, host: str, port: int) -> int:
    cache = BuildCache()  # kept between the rebuilds of this session
    search = BackgroundIndex()  # Pagefind would double a one-page rebuild's time: it runs after the reload

    def again() -> None:
        # Reload the browsers ourselves, only after a good build: livereload's own timer would reload on a
        # broken edit and drop a second save made within three seconds of the first.
        if rebuild(root, content_dir, out_dir, base_url, cache, search=search):
            LiveReloadHandler.reload_waiters()

    def engine_changed() -> None:
        cache.forget_engine()
        again()

    try:
        config: SiteConfig | None = resolve_config(root, content_dir, base_url)
    except BuildFailed:
        config = None  # the first build below reads it again and prints what is wrong
    base = config.base_url if config else "/"
    out_dir, serve_dir = _mounted(out_dir, base)
    if not rebuild(root, content_dir, out_dir, base_url, cache, first=True, search=search, config=config) \
            and not out_dir.exists():
        return 1
    server = Server(watcher=_QuickWatcher())
    for folder in (content_dir, root / "templates"):
        server.watch(str(folder), again, delay="forever", ignore=_compiled)
    server.watch(str(root / "calculator"), engine_changed, delay="forever", ignore=_compiled)
    print(f"Serving on http://{host}:{port}{base} (Ctrl+C to stop)", flush=True)
    try:
        server.serve(root=str(serve_dir), host=host, port=port, open_url_delay=None, restart_delay=0)
    except OSError as exc:
        print(f"Cannot serve on {host}:{port}: {exc.strerror}. Try another port: --port {port + 1}", flush=True)
        return 1
    return 0
