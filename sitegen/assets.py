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


def collect_assets(static_dir: Path) -> dict[str, Asset]:
    """Map each file's path under ``static_dir`` (e.g. ``css/site.css``) to its hashed output."""
    assets = {}
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(static_dir).as_posix()
        body = path.read_bytes()
        digest = hashlib.sha256(body).hexdigest()[:10]
        stem, dot, suffix = rel.rpartition(".")
        hashed = f"{stem}.{digest}.{suffix}" if dot else f"{rel}.{digest}"
        assets[rel] = Asset(path, f"static/{hashed}", body)
    return assets
