"""Where each page lives, and links between pages.

Pages live at most one folder deep, so a diagram embedded in any entity page can link to
'../<folder>/<id>.html'. The site uses `use_directory_urls: false`: it works from any static
server and from disk.
"""

from __future__ import annotations

from dataclasses import dataclass

FOLDER = {
    "intervention": "interventies",
    "mechanism": "mechanismen",
    "outcome": "uitkomsten",
    "area": "gebieden",
    "theme": "themas",
    "programme": "programmas",
    "organisation": "organisaties",
}


@dataclass(frozen=True, order=True)
class Link:
    """A link to a page: its label (content text, escaped when rendered) and docs path."""

    label: str
    path: str  # relative to the docs root, e.g. "mechanismen/rolmodellen.md"


def page_path(kind: str, ident: str) -> str:
    return f"{FOLDER[kind]}/{ident}.md"


def html_url(path: str, from_depth: int = 1) -> str:
    """The built page's URL relative to a page `from_depth` folders deep."""
    return "../" * from_depth + path.removesuffix(".md") + ".html"
