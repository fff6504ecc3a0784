"""Commands that make the website: build and serve."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import click

from cimo.errors import CimoError, ContentError, SiteFolderError, os_failure
from cimo_cli.main import CONTENT_OPTION, fail, knowledge_base_folder, main, plural, report

SITE_OPTION = click.option(
    "--site",
    "site_given",
    type=click.Path(path_type=Path),
    help="Map waarin de website komt (standaard: site/ van de kennisbank).",
)


@main.command()
@CONTENT_OPTION
@SITE_OPTION
@click.option("--strict", is_flag=True, help="Tel waarschuwingen als fouten (CI doet dit).")
def build(content_given: Path | None, site_given: Path | None, strict: bool) -> None:
    """Controleer de inhoud en bouw de website in site/.

    De nieuwe site vervangt de oude alleen als alles gelukt is; na een fout blijft de vorige
    site/ zoals hij was.
    """
    from generator.build import build_site

    kb = knowledge_base_folder()
    site_dir = site_given if site_given is not None else kb.site
    shown = site_given if site_given is not None else "site"
    try:
        result = build_site(
            content_given if content_given is not None else kb.content,
            site_dir,
            strict=strict,
            cache_dir=kb.cache / "diagrams",
            config=kb.config,
        )
    except ContentError as error:
        report(error.problems)
        fail(
            f"Build gestopt: {plural(len(error.problems), 'probleem', 'problemen')} in de "
            f"inhoud. {shown}/ is niet veranderd."
        )
    except SiteFolderError:
        raise
    except (CimoError, OSError) as error:
        failure = error if isinstance(error, CimoError) else os_failure(error)
        fail(
            f"Build mislukt: {failure.message.rstrip('.')}. {shown}/ is niet veranderd.",
            failure.hint,
        )
    report(result.warnings)
    click.echo(result.summary())


@main.command()
@CONTENT_OPTION
@click.option("--port", default=8000, show_default=True, help="Port on localhost.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve(content_given: Path | None, port: int, host: str) -> None:
    """Preview the site on localhost; it updates when you save a content file.

    Problems in the content are shown here in the terminal, and the last good version stays
    online. The preview lives in .cimo-cache/preview/; publish with `cimo build`.
    """
    from generator.preview import Preview
    from generator.serve import snapshot, start_server

    kb = knowledge_base_folder()
    content = content_given if content_given is not None else kb.content
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    preview = Preview(content, kb.cache / "preview", kb.cache / "diagrams", kb.config)
    if not refresh(preview) and not preview.site.exists():
        raise SystemExit(1)
    server = start_server(preview.site, host, port)
    click.echo(f"Serving on http://{host}:{port}/ — press Ctrl+C to stop.")
    seen = snapshot(content)
    try:
        while True:
            time.sleep(0.2)
            now = snapshot(content)
            if now != seen:
                seen = now
                click.echo("Content changed, updating…")
                refresh(preview)
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.shutdown()


def refresh(preview: object) -> bool:
    """Update the preview; on any failure say why in a line and keep the last good site."""
    try:
        result = preview.update()  # type: ignore[attr-defined]
    except ContentError as error:
        report(error.problems)
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
    report(result.warnings)
    click.echo(result.summary())
    return True
