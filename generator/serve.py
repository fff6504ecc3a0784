"""The preview's web server: the site folder, plus what only a preview page gets.

Each HTML page it sends gets a small script and an (empty) banner: the script listens to
/.cimo-preview/events (Server-Sent Events) and reloads the page when the preview has new pages,
or shows the banner when the last save was rejected. The files on disk are never changed, so
nothing of this ends up in a built site. The server also remembers which pages were asked for
last: those are rebuilt first after a save.
"""

from __future__ import annotations

import errno
import functools
import http.server
import logging
import socket
import sys
import threading
import time
from collections import OrderedDict
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.live.status import PreviewStatus

LOG = logging.getLogger("cimo")

ASSETS = Path(__file__).resolve().parent / "live" / "assets"
PREFIX = "/.cimo-preview/"
KEEP_ALIVE_SECONDS = 15.0
OPEN_PAGES = 4  # how many recently asked-for pages count as open
#: After a save, the update waits for open pages to reload: until the browser's requests
#: stopped for QUIET, for at most MOST seconds, and not at all when none came within FIRST.
RELOAD_FIRST, RELOAD_QUIET, RELOAD_MOST = 0.6, 0.2, 1.5


class PortInUse(Exception):
    """The port is taken; `free` is a port that was free a moment ago (or None)."""

    def __init__(self, port: int, free: int | None):
        super().__init__(f"port {port} is in use")
        self.port, self.free = port, free


def free_port(host: str, start: int, tries: int = 50) -> int | None:
    """The first port from `start` on that can be bound now."""
    for port in range(start, min(start + tries, 65536)):
        with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    return None


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def start_server(
    site: Path, host: str, port: int, status: PreviewStatus | None = None
) -> PreviewServer:
    """Serve the site folder in a background thread; port 0 picks a free port.

    Raises PortInUse when the port is taken (before any work is done)."""
    if status is None:
        status = PreviewStatus()
        status.accepted()  # the folder is served as it is
    handler = functools.partial(_PreviewHandler, directory=str(site))
    try:
        server = PreviewServer((host, port), handler, site, status)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(port, free_port(host, port + 1)) from None
        raise
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: Any, handler: Any, site: Path, status: PreviewStatus):
        self.address_family = _family(str(address[0]))
        super().__init__(address, handler)
        self.site, self.status = site, status
        self._open: OrderedDict[str, None] = OrderedDict()
        self._open_lock = threading.Lock()
        self.listeners = 0  # pages waiting for news (events connections)
        self.last_request = 0.0  # time.monotonic() of the last request

    def count_listener(self, step: int) -> None:
        with self._open_lock:
            self.listeners += step

    def let_pages_reload(self) -> None:
        """Pages were replaced: pause the caller (the rest of an update) while open pages
        reload, so that Python's one-at-a-time threads serve the browser first."""
        if self.listeners == 0:
            return
        start = time.monotonic()
        while (now := time.monotonic()) - start < RELOAD_MOST:
            asked = self.last_request > start
            if not asked and now - start > RELOAD_FIRST:
                return  # no page reloads
            if asked and now - self.last_request > RELOAD_QUIET:
                return  # the page and its files are served
            time.sleep(0.02)

    def saw_page(self, rel: str) -> None:
        with self._open_lock:
            self._open.pop(rel, None)
            self._open[rel] = None
            while len(self._open) > OPEN_PAGES:
                self._open.popitem(last=False)

    def open_pages(self) -> list[str]:
        """Site paths of the pages asked for last, the most recent first."""
        with self._open_lock:
            return list(reversed(self._open))

    def shutdown(self) -> None:
        self.status.close()
        super().shutdown()

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):  # a browser closing a tab is no news
            LOG.warning("Preview: could not answer a request: %s", error)


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    server: PreviewServer

    def end_headers(self) -> None:
        # A reload always shows the new page. The theme's files (assets/: Material's bundles,
        # our CSS and JS) change only with a full rebuild: the browser keeps them and asks
        # whether they changed (If-Modified-Since → 304), so a reload after a save is quick.
        path = urlsplit(self.path).path
        cache = "no-cache" if path.startswith("/assets/") else "no-store"
        self.send_header("Cache-Control", cache)
        super().end_headers()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if not path.startswith(PREFIX):
            self.server.last_request = time.monotonic()
        if path.startswith(PREFIX):
            self._preview_file(path[len(PREFIX) :])
        elif self._html_target(path) is not None:
            self._page(path)
        else:
            super().do_GET()

    def _html_target(self, path: str) -> Path | None:
        """The HTML file a request is for, when it is one (a folder means its index.html)."""
        try:
            target = Path(self.translate_path(path))
            if target.is_dir():
                if not path.endswith("/"):
                    return None  # let the base class redirect to the folder
                target = target / "index.html"
        except (ValueError, OSError):
            return None
        if target.suffix != ".html":
            return None
        return target

    def _page(self, path: str) -> None:
        target = self._html_target(path)
        assert target is not None
        snapshot = self.server.status.snapshot()
        try:
            html = target.read_bytes()
            status = HTTPStatus.OK
            self.server.saw_page(target.relative_to(self.server.site).as_posix())
        except (OSError, ValueError):
            if snapshot.ready:
                self.send_error(HTTPStatus.NOT_FOUND, "Deze pagina bestaat niet (meer).")
                return
            html, status = _WAITING_PAGE, HTTPStatus.SERVICE_UNAVAILABLE
        body = inject(html, snapshot.version, snapshot.banner)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _preview_file(self, name: str) -> None:
        if name == "events":
            self._events()
            return
        kinds = {"preview.js": "text/javascript", "preview.css": "text/css"}
        if name not in kinds:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body = (ASSETS / name).read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{kinds[name]}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: the status now, then each change (and a keep-alive now and then)."""
        status = self.server.status
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        snapshot = status.snapshot()
        self.server.count_listener(+1)
        try:
            while True:
                self.wfile.write(f"data: {snapshot.json()}\n\n".encode())
                self.wfile.flush()
                while (following := status.wait(snapshot.serial, KEEP_ALIVE_SECONDS)) is None:
                    if status.closed:
                        return
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                snapshot = following
        except (ConnectionError, OSError):
            return  # the page was closed or left
        finally:
            self.server.count_listener(-1)

    def send_head(self) -> Any:
        try:
            return super().send_head()
        except ValueError:  # a path no file can have, e.g. with %00 in it
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return None

    def translate_path(self, path: str) -> str:
        if "\x00" in unquote(path):
            raise ValueError("NUL in path")
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


_WAITING_PAGE = (
    b'<!doctype html><html lang="nl"><head><meta charset="utf-8">'
    b'<meta name="viewport" content="width=device-width, initial-scale=1">'
    b"<title>Preview wordt gemaakt</title></head><body><main>"
    b"<h1>De preview wordt gemaakt</h1><p>Een ogenblik geduld. Deze pagina laadt vanzelf "
    b"opnieuw als de preview klaar is.</p></main></body></html>"
)


def inject(html: bytes, version: str, banner: str) -> bytes:
    """The page with the preview's stylesheet, banner and script added (the file is unchanged)."""
    from html import escape

    head = b'<link rel="stylesheet" href="/.cimo-preview/preview.css">'
    box = (
        '<div id="cimo-preview-banner" class="cimo-preview-banner" role="alert"'
        f"{'' if banner else ' hidden'}>{banner}</div>"
    ).encode()
    script = (
        f'<script src="/.cimo-preview/preview.js" data-version="{escape(version)}"></script>'
    ).encode()
    html = _insert_after(html, b"<head", head) if b"<head" in html else head + html
    html = _insert_after(html, b"<body", box)
    end = html.rfind(b"</body>")
    return html[:end] + script + html[end:] if end >= 0 else html + script


def _insert_after(html: bytes, tag: bytes, addition: bytes) -> bytes:
    start = html.find(tag)
    if start < 0:
        return addition + html
    close = html.find(b">", start)
    return html[: close + 1] + addition + html[close + 1 :]
