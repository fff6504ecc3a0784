"""The one map of the site: where every page lives, and links between pages.

Pages live at most one folder deep, so a diagram embedded in any entity page can link to
'../<folder>/<id>.html'. The site uses `use_directory_urls: false`: it works from any static
server and from disk. Every page path the generator writes is named here.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Record kind (cimo.kinds name) → the folder of its pages.
FOLDER = {
    "intervention": "interventies",
    "mechanism": "mechanismen",
    "outcome": "uitkomsten",
    "area": "gebieden",
    "theme": "themas",
    "programme": "programmas",
    "organisation": "organisaties",
}

HOME = "index.md"
INTERVENTIONS = "interventies/index.md"
MECHANISMS = "mechanismen/index.md"
OUTCOMES = "uitkomsten/index.md"
AREAS = "gebieden/index.md"
THEMES = "themas/index.md"
BUDGET = "bijlagen/begroting.md"
APPENDIX = "bijlagen/indicatoren.md"
PROGRESS = "voortgang"  # one progress report per programme and year
COMPARE = "vergelijken/index.md"
COMPARE_MATRIX = "vergelijken/matrix.md"
COMPARE_GAPS = "vergelijken/hiaten.md"
SIDE_BY_SIDE = "vergelijken/naast-elkaar.md"
COMPARE_HOW = "vergelijken/hoe-vergelijken.md"
SEARCH = "zoeken.md"
OVERVIEW = "kennisbank/schema.md"
LABELS = "kennisbank/labels.md"
DOWNLOADS = "downloads"
INDICATORS_CSV = "downloads/indicatoren.csv"
INDICATORS_XLSX = "downloads/indicatoren.xlsx"
BUDGET_CSV = "downloads/begroting.csv"
BUDGET_XLSX = "downloads/begroting.xlsx"
KNOWLEDGE_BASE_JSON = "downloads/kennisbank.json"
ASSETS = "assets"

#: The index page of each kind that has one.
INDEX = {
    "intervention": INTERVENTIONS,
    "mechanism": MECHANISMS,
    "outcome": OUTCOMES,
    "area": AREAS,
    "theme": THEMES,
}


@dataclass(frozen=True, order=True)
class Link:
    """A link to a page: its label (content text, escaped when rendered) and docs path."""

    label: str
    path: str  # relative to the docs root, e.g. "mechanismen/rolmodellen.md"


def page_path(kind: str, ident: str) -> str:
    return f"{FOLDER[kind]}/{ident}.md"


def progress_path(programme_id: str, year: int) -> str:
    """The progress report of a programme for one year."""
    return f"{PROGRESS}/{programme_id}-{year}.md"


def download_path(name: str) -> str:
    return f"{DOWNLOADS}/{name}"


def html_url(path: str, from_depth: int = 1) -> str:
    """The built page's URL relative to a page `from_depth` folders deep."""
    return "../" * from_depth + path.removesuffix(".md") + ".html"


def html_page(path: str) -> str:
    """The built page of a docs path: interventies/index.md → interventies/index.html."""
    return path.removesuffix(".md") + ".html" if path.endswith(".md") else path


def root_of(path: str) -> str:
    """The relative way back to the docs root from a page at `path`."""
    return "../" * path.count("/")
