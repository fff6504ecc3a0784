"""The comparison pages: matches per home intervention, matrix, gaps, side by side."""

from __future__ import annotations

from collections.abc import Iterator

from generator import site as paths
from generator import text
from generator.emitters.base import Page, SiteContext
from generator.views import compare


def compare_index(site: SiteContext) -> Iterator[Page]:
    pairs, without = compare.home_pairs(site.kb, site.home, site.related)
    context = {
        "home": site.home,
        "groups": site.groups,
        "pairs": pairs,
        "without": without,
        "how": compare.explanation(),
    }
    yield Page(paths.COMPARE, "compare_index.md.j2", "Vergelijken", context)


def matrix_page(site: SiteContext) -> Iterator[Page]:
    context = {
        "groups": text.and_list(site.groups),
        "summaries": compare.group_summaries(site.kb, site.groups),
        "mechanisms": compare.group_sets(site.kb, site.groups, "mechanism"),
        "outcomes": compare.group_sets(site.kb, site.groups, "outcome"),
    }
    yield Page(paths.COMPARE_MATRIX, "compare_matrix.md.j2", "Gemeenten naast elkaar", context)


def gaps_page(site: SiteContext) -> Iterator[Page]:
    context = {"home": site.home, **compare.gaps(site.kb, site.home)}
    yield Page(paths.COMPARE_GAPS, "compare_gaps.md.j2", "Wat ontbreekt", context)


def side_by_side_page(site: SiteContext) -> Iterator[Page]:
    context = {
        "options": compare.side_by_side_options(site.kb),
        "data": compare.compare_data(site.kb),
    }
    title = "Twee interventies naast elkaar"
    yield Page(paths.SIDE_BY_SIDE, "compare_side_by_side.md.j2", title, context)


def how_page(site: SiteContext) -> Iterator[Page]:
    context = {"how": compare.explanation()}
    yield Page(paths.COMPARE_HOW, "compare_how.md.j2", "Hoe we vergelijken", context)
