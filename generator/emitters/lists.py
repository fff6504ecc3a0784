"""The list pages: all interventions with filters, and the index of each catalogue."""

from __future__ import annotations

from collections.abc import Iterator

from generator import site as paths
from generator.emitters.base import Page, SiteContext
from generator.views.lists import SORTS, catalogue_indexes, intervention_list


def intervention_list_page(site: SiteContext) -> Iterator[Page]:
    rows, filters = intervention_list(site.kb)
    context = {"count": len(rows), "rows": rows, "filters": filters, "sorts": SORTS}
    yield Page(paths.INTERVENTIONS, "interventions_index.md.j2", "Interventies", context)


def catalogue_index_pages(site: SiteContext) -> Iterator[Page]:
    for index in catalogue_indexes(site.kb):
        context = {
            "title": index.title,
            "intro": index.intro,
            "name_header": index.name_header,
            "rows": index.rows,
        }
        yield Page(index.path, "catalogue_index.md.j2", index.title, context)
