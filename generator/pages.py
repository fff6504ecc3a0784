"""Diagrams in pages: a marker in the Markdown, replaced by the inline SVG after MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from generator.atomic import write_atomically

_MARKER = re.compile(r"<!--cimo-diagram:([a-z0-9:/-]+)-->")


def diagram_marker(key: str) -> Markup:
    return Markup(f"<!--cimo-diagram:{key}-->")


def inject_diagrams(site: Path, svgs: dict[str, str]) -> None:
    """Replace each diagram marker in the built HTML with its inline SVG, each page atomically."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<!--cimo-diagram:" in html:
            injected = _MARKER.sub(lambda m: svgs[m.group(1)], html)
            write_atomically(page, injected.encode("utf-8"))
