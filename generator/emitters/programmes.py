"""Programme pages, the budget, the indicator appendix and the home page."""

from __future__ import annotations

from collections.abc import Iterator

from cimo.monitoring import STATUS_RULE
from generator import site as paths
from generator import text
from generator.emitters.base import Page, SiteContext
from generator.views.monitoring import programme_appendix


def programme_pages(site: SiteContext) -> Iterator[Page]:
    for view in site.programme_views:
        yield Page(
            paths.page_path("programme", view.id), "programme.md.j2", view.title, {"v": view}
        )


def budget_page(site: SiteContext) -> Iterator[Page]:
    budgets = [v.budget for v in site.programme_views if v.budget]
    yield Page(paths.BUDGET, "budget.md.j2", "Begroting", {"budgets": budgets})


def appendix_page(site: SiteContext) -> Iterator[Page]:
    appendices = [programme_appendix(site.kb, p) for p in site.programmes]
    context = {"appendices": [a for a in appendices if a.sections], "rule": STATUS_RULE}
    yield Page(paths.APPENDIX, "appendix.md.j2", "Bijlage indicatoren", context)


def home_page(site: SiteContext) -> Iterator[Page]:
    kb = site.kb
    counts = {
        "interventions": len(kb.interventions),
        "mechanisms": len(kb.mechanisms),
        "outcomes": len(kb.outcomes),
    }
    others = [group for group in site.groups if group != site.home]
    context = {
        "site_name": site.config.site_name,
        "programmes": site.programme_views,
        "counts": counts,
        "compared": f"{site.home} naast {text.and_list(others)}" if others else "",
    }
    yield Page(paths.HOME, "home.md.j2", site.config.site_name, context)
