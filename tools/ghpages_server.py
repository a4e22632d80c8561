"""A local static server that behaves like GitHub Pages, for browser tests and benchmarks.

Like Pages it serves the site under a base path (a project site lives under /<repo>/), gzips text and wasm,
sends ``Cache-Control: max-age=600`` with an ETag, redirects a folder without its slash, and answers
unknown paths with the site's 404.html.

    python tools/ghpages_server.py site --base /ee-guide/ --port 8001
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import mimetypes
import threading
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
                "application/wasm")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")


@lru_cache(maxsize=512)
def _load(path: Path, mtime_ns: int) -> tuple[bytes, bytes, str]:
    body = path.read_bytes()
    # mtime=0 keeps the gzip bytes stable, like a CDN's cached copy.
    return body, gzip.compress(body, compresslevel=6, mtime=0), hashlib.sha1(body).hexdigest()[:16]


def make_handler(root: Path, base: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "GitHub.com-like"

        def log_message(self, format: str, *args: object) -> None:  # quiet: tests read the browser's log
            pass

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(base):
                return self._not_found(head)
            rel = path[len(base):]
            target = (root / rel).resolve()
            if root not in target.parents and target != root:
                return self._not_found(head)
            if target.is_dir():
                if rel and not rel.endswith("/"):
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return None
                target = target / "index.html"
            if not target.is_file():
                return self._not_found(head)
            self._send_file(target, HTTPStatus.OK, head)
            return None

        def _not_found(self, head: bool) -> None:
            page = root / "404.html"
            if page.is_file():
                self._send_file(page, HTTPStatus.NOT_FOUND, head)
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _send_file(self, target: Path, status: HTTPStatus, head: bool) -> None:
            body, zipped, etag = _load(target, target.stat().st_mtime_ns)
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if status == HTTPStatus.OK and self.headers.get("If-None-Match") == f'"{etag}"':
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", f'"{etag}"')
                self.send_header("Cache-Control", "max-age=600")
                self.end_headers()
                return
            use_gzip = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
            payload = zipped if use_gzip else body
            self.send_response(status)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("ETag", f'"{etag}"')
            self.send_header("Vary", "Accept-Encoding")
            if use_gzip:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            if not head:
                self.wfile.write(payload)

    return Handler


class PagesServer:
    """Serve ``root`` under ``base`` on 127.0.0.1 in a background thread (a context manager)."""

    def __init__(self, root: Path, base: str = "/", port: int = 0) -> None:
        self.root, self.base = root.resolve(), base
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), make_handler(self.root, base))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.base}"

    def __enter__(self) -> PagesServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--base", default="/")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    with PagesServer(args.root, args.base, args.port) as server:
        print(f"Serving {args.root} at {server.url}", flush=True)
        server.thread.join()


if __name__ == "__main__":
    main()
