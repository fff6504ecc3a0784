"""Diagrams in pages: a marker in the Markdown, replaced by the inline SVG when MkDocs writes
the page (generator.build) or after (the preview)."""

from __future__ import annotations

import re

from markupsafe import Markup

_MARKER = re.compile(r"<!--cimo-diagram:([a-z0-9:/-]+)-->")


def diagram_marker(key: str) -> Markup:
    return Markup(f"<!--cimo-diagram:{key}-->")


def with_diagrams(html: str, svgs: dict[str, str]) -> str:
    """One built page with each diagram marker replaced by its inline SVG."""
    if "<!--cimo-diagram:" not in html:
        return html
    return _MARKER.sub(lambda m: svgs[m.group(1)], html)
