"""The preview's web server and the watch on the content folder (the loop is in the CLI)."""

from __future__ import annotations

import functools
import http.server
import logging
import sys
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Any

LOG = logging.getLogger("cimo")

POLL_SECONDS = 0.2


def snapshot(content_dir: Path) -> dict[str, float]:
    """Modification times of every content file (cheap enough to poll at this scale).

    Files that vanish while we look (an editor saving by rename) are simply left out."""
    times: dict[str, float] = {}
    for path in sorted(content_dir.rglob("*")):
        try:
            if path.is_file():
                times[str(path)] = path.stat().st_mtime_ns
        except OSError:
            continue
    return times


def start_server(site: Path, host: str, port: int) -> http.server.ThreadingHTTPServer:
    """Serve the site folder in a background thread; port 0 picks a free port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self) -> Any:
        try:
            return super().send_head()
        except ValueError:  # a path no file can have, e.g. with %00 in it
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):  # a browser closing a tab is no news
            LOG.warning("Preview: could not answer a request: %s", error)
