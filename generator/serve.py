"""`cimo serve`: build, serve site/ on localhost, rebuild when content changes."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

import click

from cimo.problems import ContentError
from generator.build import BuildError, build_site

POLL_SECONDS = 0.3


def snapshot(content_dir: Path) -> dict[str, float]:
    """Modification times of every content file (cheap enough to poll at this scale)."""
    return {str(p): p.stat().st_mtime for p in sorted(content_dir.rglob("*")) if p.is_file()}


def rebuild(content_dir: Path, site_dir: Path, cache_dir: Path) -> bool:
    try:
        report = build_site(content_dir, site_dir, cache_dir=cache_dir)
    except ContentError as error:
        for problem in error.problems:
            click.echo(problem.format(), err=True)
        click.echo(
            "Not rebuilt: fix the problems above; the last good site is still served.", err=True
        )
        return False
    except BuildError as error:
        click.echo(f"Not rebuilt: {error}", err=True)
        return False
    click.echo(report.summary())
    return True


def serve_site(content_dir: Path, site_dir: Path, host: str, port: int, cache_dir: Path) -> None:
    if not rebuild(content_dir, site_dir, cache_dir) and not site_dir.exists():
        raise SystemExit(1)
    handler = functools.partial(_QuietHandler, directory=str(site_dir.resolve().parent))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    site_name = site_dir.resolve().name
    _QuietHandler.site_name = site_name
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    click.echo(f"Serving on http://{host}:{port}/ — press Ctrl+C to stop.")
    seen = snapshot(content_dir)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(content_dir)
            if now != seen:
                seen = now
                click.echo("Content changed, rebuilding…")
                rebuild(content_dir, site_dir, cache_dir)
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the current site/ folder; the path is resolved per request, so swaps are seen."""

    site_name = "site"

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + self.site_name + path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
