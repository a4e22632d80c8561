"""The theme's static files, copied with a content hash in their names (GitHub Pages caches for 10 minutes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Asset:
    source: Path
    output: str  # path in the site, e.g. "static/css/site.3f2a9c1b7d.css"
    body: bytes


def collect_assets(static_dir: Path, root: Path | None = None, warnings: list | None = None) -> dict[str, Asset]:
    """Map each file's path under ``static_dir`` (e.g. ``css/site.css``) to its hashed output. With ``root`` (the
    project, for its node_modules) scripts and stylesheets are minified (`sitegen.minify`), and the hash is the
    shipped bytes': a change to a comment alone changes no address. ``warnings`` gets what a preview can live with
    (no esbuild to minify with)."""
    paths = {p.relative_to(static_dir).as_posix(): p for p in sorted(p for p in static_dir.rglob("*") if p.is_file())}
    bodies = {rel: path.read_bytes() for rel, path in paths.items()}
    if root is not None:
        from .errors import display_path
        from .minify import minify

        bodies = minify(root, bodies, display_path(static_dir, root), warnings)
    assets = {}
    for rel, path in paths.items():
        body = bodies[rel]
        digest = hashlib.sha256(body).hexdigest()[:10]
        stem, dot, suffix = rel.rpartition(".")
        hashed = f"{stem}.{digest}.{suffix}" if dot else f"{rel}.{digest}"
        assets[rel] = Asset(path, f"static/{hashed}", body)
    return assets
