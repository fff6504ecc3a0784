"""`cimo serve`: a live preview on localhost that updates when a content file changes."""

from __future__ import annotations

import functools
import http.server
import logging
import threading
import time
from pathlib import Path

import click

from cimo.problems import ContentError
from generator.build import BuildError
from generator.preview import Preview

POLL_SECONDS = 0.2


def snapshot(content_dir: Path) -> dict[str, float]:
    """Modification times of every content file (cheap enough to poll at this scale)."""
    return {str(p): p.stat().st_mtime_ns for p in sorted(content_dir.rglob("*")) if p.is_file()}


def refresh(preview: Preview) -> bool:
    """Update the preview; on bad content print the problems and keep the last good site."""
    try:
        report = preview.update()
    except ContentError as error:
        for problem in error.problems:
            click.echo(problem.format(), err=True)
        click.echo(
            "Not updated: fix the problems above; the last good version is still served.", err=True
        )
        return False
    except BuildError as error:
        click.echo(f"Not updated: {error}", err=True)
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
    handler = functools.partial(_QuietHandler, directory=str(preview.site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
