"""Smaller scripts and stylesheets for visitors: the theme's ``.mjs``, ``.js`` and ``.css`` minified at build time
by esbuild (npm, pinned in package.json), the well-kept tool for it, in one run for all files.

What it saves, gzip over the wire: the calculator's script 21.0 → 12.0 KB and its worker 4.7 → 2.2 KB (every first
visit to the calculator), the search box's script 1.9 → 0.9 KB (every page). The sources keep their comments; the
site ships without them. One esbuild run takes about 10 ms; the dev server minifies an unchanged file only once.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from pathlib import Path

from .errors import BuildError, BuildFailed

ESBUILD = Path("node_modules") / ".bin" / "esbuild"
SUFFIXES = (".mjs", ".js", ".css")
_minified: dict[str, bytes] = {}  # sha-256 of a source -> its minified bytes, for the life of the process


def _key(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def minify(root: Path, files: dict[str, bytes], shown_dir: str = "templates/static",
           warnings: list[BuildError] | None = None) -> dict[str, bytes]:
    """``files`` (path under the static folder -> bytes) with every script and stylesheet minified.

    A file esbuild cannot parse stops the build with its ``path:line`` (``shown_dir`` is the folder as errors
    show it). Without ``node_modules`` (an editor's preview with Python only) the files ship as they are and
    ``warnings`` gets a line saying to run ``npm ci``: the publishing build (--strict) then stops.
    """
    todo = {rel: body for rel, body in files.items() if rel.endswith(SUFFIXES) and _key(body) not in _minified}
    if todo and not (root / ESBUILD).is_file():
        if warnings is not None:
            warnings.append(BuildError("package.json", 0, "node_modules/.bin/esbuild is missing, so the scripts and "
                                                          "stylesheets are not minified: run `npm ci`"))
        return files
    if todo:
        _run(root, todo, shown_dir)
    return {rel: _minified.get(_key(body), body) if rel.endswith(SUFFIXES) else body for rel, body in files.items()}


_ERROR = re.compile(r"^(?:✘ \[ERROR\] |error: )?(.*?)\n\s*\n?\s*src/(\S+?):(\d+):\d+:", re.M)


def _run(root: Path, todo: dict[str, bytes], shown_dir: str) -> None:
    exe = root / ESBUILD
    with tempfile.TemporaryDirectory(prefix="minify-") as tmp:
        src, out = Path(tmp) / "src", Path(tmp) / "out"
        for rel, body in todo.items():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_bytes(body)
        # No bundling: each file stays a file (the pages load them by their hashed names). utf8: "…" stays one
        # character instead of a \u escape. No legal comments: the theme is the project's own code.
        result = subprocess.run(
            [str(exe), *(str(src / rel) for rel in todo), "--minify", "--charset=utf8", "--legal-comments=none",
             f"--outbase={src}", f"--outdir={out}", "--log-level=error", "--color=false"],
            capture_output=True, text=True, cwd=tmp,
        )
        if result.returncode != 0:
            raise BuildFailed(_errors(result.stderr, shown_dir))
        for rel, body in todo.items():
            written = rel[: -len(".mjs")] + ".js" if rel.endswith(".mjs") else rel  # esbuild writes .mjs as .js
            _minified[_key(body)] = (out / written).read_bytes()


def _errors(stderr: str, shown_dir: str) -> list[BuildError]:
    found = [BuildError(f"{shown_dir}/{path}", int(line), f"esbuild cannot minify it: {message.strip()}")
             for message, path, line in _ERROR.findall(stderr)]
    return found or [BuildError(shown_dir, 0, "esbuild failed: " + " / ".join(stderr.strip().splitlines()[-5:]))]
