"""What a page tells the search index about itself: its kind, and who and what it is about.

Printed as data-pagefind-* elements at the end of every page (base.md.j2 → _search_meta.md.j2);
generator/search.py indexes the built site. Search results show the kind and the municipality,
and offer filters by municipality, kind, theme and mechanism.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cimo.graph import KnowledgeBase
from generator.site import FOLDER
from generator.views.common import owner_group

#: The kind of page, as the search results name it (Dutch, singular).
KIND_NAMES = {
    "intervention": "interventie",
    "mechanism": "mechanisme",
    "outcome": "uitkomst",
    "area": "gebied",
    "theme": "thema",
    "programme": "programma",
    "organisation": "organisatie",
}
_KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDER.items()}


@dataclass(frozen=True)
class SearchFacets:
    """Ready values for one page's search meta and filters (all may be empty)."""

    kind: str
    municipalities: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    mechanisms: list[str] = field(default_factory=list)

    @property
    def municipality(self) -> str:
        """The one municipality or network the page belongs to, shown with the result."""
        return self.municipalities[0] if len(self.municipalities) == 1 else ""


def search_facets(kb: KnowledgeBase, path: str) -> SearchFacets:
    """The facets of the page at docs path `path`."""
    folder, _, name = path.rpartition("/")
    kind = _KIND_OF_FOLDER.get(folder)
    ident = name.removesuffix(".md")
    if kind is None or ident not in kb.catalogue(_plural(kind)):
        return SearchFacets("overzicht")
    ivs = _interventions(kb, kind, ident)
    themes = {t for i in ivs for t in kb.interventions[i].themes}
    mechanisms = {m.mechanism for i in ivs for m in kb.interventions[i].mechanisms}
    if kind == "theme":
        themes = {ident}
    if kind == "mechanism":
        mechanisms = {ident}
    return SearchFacets(
        KIND_NAMES[kind],
        sorted({owner_group(kb, kb.interventions[i]) for i in ivs}),
        sorted(kb.themes[t].name for t in themes),
        sorted(kb.mechanisms[m].name for m in mechanisms),
    )


def _interventions(kb: KnowledgeBase, kind: str, ident: str) -> list[str]:
    """The interventions a page is about (its own for an intervention page)."""
    if kind == "intervention":
        return [ident]
    if kind == "organisation":
        return [i for i, iv in kb.interventions.items() if iv.owner == ident]
    lookup = {
        "mechanism": kb.interventions_using,
        "outcome": kb.interventions_reaching,
        "area": kb.interventions_in_area,
        "theme": kb.interventions_with_theme,
        "programme": kb.interventions_of_programme,
    }
    return list(lookup[kind](ident))


def _plural(kind: str) -> str:
    from cimo.kinds import BY_NAME

    return BY_NAME[kind].plural
