"""`cimo serve`: a live preview on localhost that updates when a content file changes.

It stays up whatever happens during an update (bad content, Graphviz failing, a full disk):
it says what went wrong and keeps serving the last good pages.
"""

from __future__ import annotations

import functools
import http.server
import logging
import sys
import threading
import time
from http import HTTPStatus
from pathlib import Path
from typing import Any

import click

from cimo.errors import CimoError, ContentError, os_failure
from generator.preview import Preview

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


def refresh(preview: Preview) -> bool:
    """Update the preview; on any failure say why in a line and keep the last good site."""
    try:
        report = preview.update()
    except ContentError as error:
        for problem in error.problems:
            click.echo(problem.format(), err=True)
        click.echo(
            "Not updated: fix the problems above; the last good version is still served.", err=True
        )
        return False
    except (CimoError, OSError) as error:
        failure = error if isinstance(error, CimoError) else os_failure(error)
        click.echo(
            f"Not updated: {failure.message}; the last good version is still served.", err=True
        )
        if failure.hint:
            click.echo(f"  {failure.hint}", err=True)
        return False
    except Exception as error:  # noqa: BLE001 — a preview that dies on a bug helps no one
        click.echo(
            f"Not updated: unexpected {type(error).__name__}: {error}; the last good version "
            "is still served.",
            err=True,
        )
        return False
    for warning in report.warnings:
        click.echo(warning.format(), err=True)
    click.echo(report.summary())
    return True


def serve_site(content_dir: Path, work_dir: Path, host: str, port: int, cache_dir: Path) -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    preview = Preview(content_dir, work_dir, cache_dir)
    if not refresh(preview) and not preview.site.exists():
        raise SystemExit(1)
    server = start_server(preview.site, host, port)
    click.echo(f"Serving on http://{host}:{port}/ — press Ctrl+C to stop.")
    seen = snapshot(content_dir)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(content_dir)
            if now != seen:
                seen = now
                click.echo("Content changed, updating…")
                refresh(preview)
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.shutdown()


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
            click.echo(f"Preview: could not answer a request: {error}", err=True)
