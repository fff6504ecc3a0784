"""Every emitter writes only paths from the map in generator/site.py, no two emitters claim a
path, and every record with a folder gets its page (on the sample knowledge base)."""

from __future__ import annotations

import pytest

from cimo.config import open_folder
from cimo.kinds import BY_NAME
from cimo.knowledge_base import LoadedKnowledgeBase
from generator import site
from generator.emitters import EMITTERS, File, Page, SiteContext
from generator.engine import THEME_DIR
from generator.templating import TEMPLATE_DIR
from tests.conftest import SAMPLE

FIXED = {
    value
    for name, value in vars(site).items()
    if name.isupper() and isinstance(value, str) and "." in value.rpartition("/")[2]
}


def allowed_paths(loaded: LoadedKnowledgeBase) -> set[str]:
    """Every path the map in generator/site.py gives for the sample knowledge base."""
    kb = loaded.kb
    records = {
        site.page_path(kind, ident)
        for kind in site.FOLDER
        for ident in kb.catalogue(BY_NAME[kind].plural)
    }
    assets = {
        f"{site.ASSETS}/{p.relative_to(THEME_DIR / 'assets').as_posix()}"
        for p in (THEME_DIR / "assets").rglob("*")
        if p.is_file()
    }
    progress = {
        site.progress_path(p.id, year)
        for p in kb.programmes.values()
        for year in range(p.period.start, (p.period.end or p.period.start) + 1)
    }
    return FIXED | records | assets | progress


@pytest.fixture(scope="module")
def outputs(sample_kb: LoadedKnowledgeBase) -> dict[str, list[Page | File]]:
    context = SiteContext(sample_kb.kb, open_folder(SAMPLE).config)
    return {emit.__qualname__: list(emit(context)) for emit in EMITTERS}


def test_emitters_are_registered_once() -> None:
    assert len(set(EMITTERS)) == len(EMITTERS)
    assert len({e.__qualname__ for e in EMITTERS}) == len(EMITTERS)


@pytest.mark.parametrize("emitter", [e.__qualname__ for e in EMITTERS])
def test_an_emitter_writes_only_paths_of_the_site_map(
    outputs: dict[str, list[Page | File]], sample_kb: LoadedKnowledgeBase, emitter: str
) -> None:
    produced = outputs[emitter]
    assert produced, f"{emitter} made nothing for the sample knowledge base"
    allowed = allowed_paths(sample_kb)
    assert [o.path for o in produced if o.path not in allowed] == []
    for page in (o for o in produced if isinstance(o, Page)):
        assert (TEMPLATE_DIR / page.template).is_file(), page.template
        assert page.title


def test_no_two_emitters_claim_a_path(outputs: dict[str, list[Page | File]]) -> None:
    owners: dict[str, list[str]] = {}
    for emitter, produced in outputs.items():
        for output in produced:
            owners.setdefault(output.path, []).append(emitter)
    assert {path: who for path, who in owners.items() if len(who) > 1} == {}


def test_every_record_page_and_fixed_page_is_made(
    outputs: dict[str, list[Page | File]], sample_kb: LoadedKnowledgeBase
) -> None:
    made = {o.path for produced in outputs.values() for o in produced}
    expected = allowed_paths(sample_kb)
    assert expected - made == set()
