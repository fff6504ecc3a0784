"""The search page: a form, filters and results, filled in the browser from the Pagefind index."""

from __future__ import annotations

from collections.abc import Iterator

from generator import site as paths
from generator.emitters.base import Page, SiteContext
from generator.search import BUNDLE


def search_page(site: SiteContext) -> Iterator[Page]:
    context = {"bundle": f"{BUNDLE}/pagefind.js"}
    yield Page(paths.SEARCH, "search.md.j2", "Zoeken", context)
