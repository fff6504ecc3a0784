"""What emitters make (pages and files) and what they share (the site context).

An emitter is a function `emit(site) -> Iterable[Page | File]`: one page family, built from one
view and printed by one template. Emitters never call Graphviz or MkDocs; a page names its
diagrams and `render_site` collects them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from cimo.config import SiteConfig
from cimo.graph import KnowledgeBase
from cimo.model import Programme
from generator.diagrams import Diagram

T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """A Markdown page to render: where, with which template, title and context."""

    path: str  # docs path, from generator.site
    template: str
    title: str
    context: Mapping[str, Any]
    tags: list[str] = field(default_factory=list)
    diagrams: list[Diagram] = field(default_factory=list)


@dataclass(frozen=True)
class File:
    """A file copied into the site as it is (downloads, assets)."""

    path: str
    data: bytes


class SiteContext:
    """The knowledge base plus what several page families need, computed once."""

    def __init__(self, kb: KnowledgeBase, config: SiteConfig):
        self.kb = kb
        self.config = config
        #: (k, n): this process renders the k-th of n contiguous parts of a shared family.
        self.part: tuple[int, int] = (0, 1)

    def share(self, items: Sequence[T]) -> Sequence[T]:
        """The items (in order) whose pages this process renders: all of them, unless
        render_site splits a large page family between two processes."""
        k, n = self.part
        size = -(-len(items) // n)
        return items[k * size : (k + 1) * size]

    def after_edit(self, kb: KnowledgeBase, edited: set[str]) -> SiteContext:
        """The context of `kb`, in which only the interventions `edited` differ from this
        one's (added, changed or removed): what can be is carried over, not computed again."""
        site = SiteContext(kb, self.config)
        if "related" in self.__dict__:  # cached_property keeps its value there
            site.__dict__["related"] = self.related.after_edit(kb, edited)
        return site

    @cached_property
    def related(self) -> Any:
        from generator.views.compare import Related

        return Related(self.kb)

    @cached_property
    def groups(self) -> list[str]:
        from generator.views.compare import groups_in_order

        return groups_in_order(self.kb)

    @cached_property
    def home(self) -> str:
        """The municipality the comparison pages are written for."""
        home = self.config.home
        if home and home in self.kb.organisations:
            return self.kb.organisations[home].name
        return (self.groups or [""])[0]  # else the one with the most interventions

    @cached_property
    def programmes(self) -> list[Programme]:
        """Programmes, the one with the most interventions first (on every page that lists them)."""
        kb = self.kb
        return sorted(
            kb.programmes.values(),
            key=lambda p: (-len(kb.interventions_of_programme(p.id)), p.title),
        )

    @cached_property
    def programme_views(self) -> list[Any]:
        from generator.views.programme import programme_view

        return [programme_view(self.kb, p) for p in self.programmes]


Emitter = Callable[[SiteContext], Iterable[Page | File]]
