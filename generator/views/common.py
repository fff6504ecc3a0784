"""Small values every page family uses: links to pages, sources, provenance, groups."""

from __future__ import annotations

from dataclasses import dataclass

from cimo.graph import KnowledgeBase
from cimo.kinds import BY_NAME
from cimo.model import Claim, Disagreement, Intervention, SourceRef
from generator import text
from generator.site import Link, page_path


def link(kb: KnowledgeBase, kind: str, ident: str) -> Link:
    table = kb.catalogue(BY_NAME[kind].plural)
    model = table[ident]
    return Link(str(getattr(model, "name", None) or model.title), page_path(kind, ident))


def links(kb: KnowledgeBase, kind: str, idents: list[str]) -> list[Link]:
    return [link(kb, kind, i) for i in idents]


@dataclass(frozen=True)
class SourceLine:
    title: str
    section: str | None
    url: str | None


def source_lines(kb: KnowledgeBase, refs: list[SourceRef]) -> list[SourceLine]:
    lines = []
    for ref in refs:
        source = kb.sources[ref.source]
        title = source.title + (
            f" ({source.publisher}" + (f", {source.year})" if source.year else ")")
            if source.publisher
            else ""
        )
        lines.append(SourceLine(title, ref.section, source.url))
    return lines


@dataclass(frozen=True)
class Provenanced:
    """A CIMO element with its provenance label shown next to it."""

    provenance: str  # "stated" | "inferred"
    provenance_label: str
    sources: list[SourceLine]


def provenanced(kb: KnowledgeBase, claim: Claim) -> Provenanced:
    value = claim.provenance.value
    return Provenanced(value, text.PROVENANCE_LABEL[value], source_lines(kb, claim.sources))


def owner_group(kb: KnowledgeBase, iv: Intervention) -> str:
    """The municipality or network an intervention is grouped under for comparison."""
    return kb.organisations[iv.owner].name


def runs_in(kb: KnowledgeBase, iv: Intervention, group: str) -> bool:
    """Whether an intervention is done by `group` or runs in it (a network's initiative run and
    paid for by that municipality, such as the Alliance's VVE-plus in Nijmegen)."""
    if owner_group(kb, iv) == group:
        return True
    return iv.municipality is not None and kb.organisations[iv.municipality].name == group


def age_text(iv: Intervention) -> str:
    ages = iv.context.age_range
    return f"{ages.min} tot {ages.max} jaar" if ages else ""


def programme_line_title(kb: KnowledgeBase, iv: Intervention) -> str | None:
    if not iv.programme or not iv.programme_line:
        return None
    lines = {line.id: line.title for line in kb.programmes[iv.programme].lines}
    return lines[iv.programme_line]


def tag_text(value: str) -> str:
    """Tags are printed by the theme, outside our escaping: keep them to plain characters."""
    return "".join(ch for ch in text.plain(value) if ch not in "<>&\"'`{}[]\\")[:60]


@dataclass(frozen=True)
class StatementView:
    where: str
    says: str


@dataclass(frozen=True)
class DisagreementView:
    """Where the sources disagree, what we use and why; `anchor` is its id on the page."""

    anchor: str
    about: str
    statements: list[StatementView]
    we_use: str
    why: str
    years: str  # "2023, 2024" or ""
    sources: list[SourceLine]


def disagreement_views(
    kb: KnowledgeBase, items: list[Disagreement], prefix: str
) -> list[DisagreementView]:
    return [
        DisagreementView(
            d.budget_row or f"{prefix}-{n}",
            d.about,
            [StatementView(s.where, s.says) for s in d.statements],
            d.we_use,
            d.why,
            ", ".join(str(y) for y in d.years),
            source_lines(kb, d.sources),
        )
        for n, d in enumerate(items, start=1)
    ]


def caveat_years(items: list[Disagreement]) -> tuple[set[int], bool]:
    """The budget years a caveat belongs next to, and whether one is about the whole budget."""
    return {y for d in items for y in d.years}, any(d.whole_budget for d in items)


def home_programme(iv: Intervention) -> str | None:
    """The programme an intervention is part of or related to."""
    return iv.programme or iv.related_programme
