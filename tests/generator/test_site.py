"""The one map of page paths (generator/site.py): unique per kind, never a fixed page, at most
one folder deep, and the built page and the way back to the root of any path."""

from __future__ import annotations

import itertools

import pytest

from cimo.kinds import BY_NAME
from cimo.model import RESERVED_IDS
from generator import site

FIXED_PAGES = [
    value
    for name, value in vars(site).items()
    if name.isupper() and isinstance(value, str) and value.endswith(".md")
]


def test_the_fixed_pages_are_found() -> None:
    assert site.HOME in FIXED_PAGES and site.BUDGET in FIXED_PAGES and len(FIXED_PAGES) >= 10
    assert len(set(FIXED_PAGES)) == len(FIXED_PAGES)


def test_every_folder_belongs_to_one_record_kind() -> None:
    assert set(site.FOLDER) <= set(BY_NAME)
    assert len(set(site.FOLDER.values())) == len(site.FOLDER)
    assert set(site.INDEX) <= set(site.FOLDER)
    for kind, index in site.INDEX.items():
        assert index == f"{site.FOLDER[kind]}/index.md"


def test_page_paths_are_unique_per_kind_and_id() -> None:
    paths = [site.page_path(kind, ident) for kind in site.FOLDER for ident in ("a", "b", "index2")]
    assert len(set(paths)) == len(paths)
    for kind, other in itertools.permutations(site.FOLDER, 2):
        assert site.page_path(kind, "zelfde") != site.page_path(other, "zelfde")


def test_a_record_page_can_only_meet_a_fixed_page_through_a_reserved_id() -> None:
    folders = set(site.FOLDER.values())
    for page in FIXED_PAGES:
        folder, _, name = page.rpartition("/")
        if folder in folders:
            assert name.removesuffix(".md") in RESERVED_IDS, page


def test_pages_lie_at_most_one_folder_deep() -> None:
    for page in [*FIXED_PAGES, *(site.page_path(k, "x") for k in site.FOLDER)]:
        assert page.count("/") <= 1, page


@pytest.mark.parametrize(
    ("path", "built"),
    [
        ("index.md", "index.html"),
        ("interventies/index.md", "interventies/index.html"),
        ("mechanismen/rolmodellen.md", "mechanismen/rolmodellen.html"),
        ("downloads/begroting.csv", "downloads/begroting.csv"),
        ("assets/cimo.css", "assets/cimo.css"),
        ("bijlagen/md.md", "bijlagen/md.html"),
    ],
)
def test_html_page(path: str, built: str) -> None:
    assert site.html_page(path) == built


@pytest.mark.parametrize(
    ("path", "root"),
    [("index.md", ""), ("interventies/mentor.md", "../"), ("a/b/c.md", "../../")],
)
def test_root_of(path: str, root: str) -> None:
    assert site.root_of(path) == root


def test_html_url_climbs_from_the_given_depth() -> None:
    assert site.html_url("mechanismen/x.md") == "../mechanismen/x.html"
    assert site.html_url("index.md", from_depth=0) == "index.html"
    assert site.html_url("themas/x.md", from_depth=2) == "../../themas/x.html"


def test_downloads_live_in_the_downloads_folder() -> None:
    for path in (site.INDICATORS_CSV, site.BUDGET_XLSX, site.KNOWLEDGE_BASE_JSON):
        assert path == site.download_path(path.rpartition("/")[2])
