"""A rounds feed served over real HTTP from 127.0.0.1, for update-draws and the daily job's tests."""

from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


class FeedServer:
    """Serves ``body`` at every path with ``status`` and extra ``headers``; change them between requests.
    ``requests`` records (path, User-Agent) of each request received."""

    def __init__(self, body: bytes = b"", status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.body = body
        self.status = status
        self.headers = headers or {}
        self.requests: list[tuple[str, str]] = []
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}/ee_rounds_123_en.json"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                feed.requests.append((self.path, self.headers.get("User-Agent", "")))
                self.send_response(feed.status)
                headers = {"Content-Type": "application/json", "Content-Length": str(len(feed.body))}
                for name, value in (headers | feed.headers).items():
                    self.send_header(name, value)
                self.end_headers()
                # The client may stop reading early, as it should for an oversized feed.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(feed.body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        return Handler

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()
