"""The progress reports: one page per programme and year (the yearly report to the council)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.emitters.base import Page, SiteContext
from generator.site import Link, progress_path
from generator.views.monitoring import report_years
from generator.views.report import progress_report


def progress_pages(site: SiteContext) -> Iterator[Page]:
    for programme in site.programmes:
        years = report_years(site.kb, programme)
        for year in years:
            view = progress_report(site.kb, programme, year)
            view.other_years = [
                Link(f"Voortgang {y}", progress_path(programme.id, y)) for y in years if y != year
            ]
            yield Page(view.path, "progress.md.j2", view.title, {"v": view})
