"""Every output family of the site, in the order they are rendered.

A new page family is one view (generator/views/), one emitter function here, and one template.
"""

from __future__ import annotations

from generator.emitters import (
    catalogue,
    compare,
    files,
    interventions,
    lists,
    overview,
    programmes,
    progress,
    search,
)
from generator.emitters.base import Emitter, File, Page, SiteContext

EMITTERS: tuple[Emitter, ...] = (
    interventions.intervention_pages,
    catalogue.mechanism_pages,
    catalogue.outcome_pages,
    catalogue.area_pages,
    catalogue.theme_pages,
    catalogue.organisation_pages,
    programmes.programme_pages,
    programmes.budget_page,
    programmes.appendix_page,
    progress.progress_pages,
    programmes.home_page,
    lists.intervention_list_page,
    lists.catalogue_index_pages,
    overview.overview_page,
    overview.labels_page,
    compare.compare_index,
    compare.matrix_page,
    compare.gaps_page,
    compare.side_by_side_page,
    compare.how_page,
    search.search_page,
    files.downloads,
    files.assets,
)

__all__ = ["EMITTERS", "Emitter", "File", "Page", "SiteContext"]
