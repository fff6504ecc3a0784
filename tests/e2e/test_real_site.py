"""Build the real site from the bundled content and check it from the outside."""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from cimo.validate import validate_content
from tests.conftest import REPO

LINK = re.compile(r'(?:href|src|xlink:href)="([^"]+)"')


@pytest.fixture(scope="module")
def content():
    content, problems = validate_content(REPO / "content")
    assert problems == []
    return content


def page_text(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_internal_link_resolves(real_site: Path) -> None:
    broken = []
    for page in real_site.rglob("*.html"):
        if page.name == "404.html":  # served at any path: MkDocs writes root-absolute links
            continue
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(html.unescape(target))
            if parts.scheme or parts.netloc or not parts.path or target.startswith("#"):
                continue
            resolved = (page.parent / unquote(parts.path)).resolve()
            if not resolved.exists():
                broken.append(f"{page.relative_to(real_site)} → {target}")
    assert broken == []


def test_every_record_has_its_page(real_site: Path, content) -> None:
    for folder, kind in [
        ("interventies", "interventions"),
        ("mechanismen", "mechanisms"),
        ("uitkomsten", "outcomes"),
        ("gebieden", "areas"),
    ]:
        for entry in content.catalogue(kind):
            page = real_site / folder / f"{entry.model.id}.html"
            assert page.exists(), page
            title = entry.model.title if kind == "interventions" else entry.model.name
            assert html.escape(title, quote=False) in page.read_text(encoding="utf-8")


def table_rows(page: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


def test_budget_page_shows_the_plans_totals(real_site: Path) -> None:
    # The figures themselves are checked on the view (tests/generator/views/test_programme.py);
    # here only that they reach the built page's table. Table 3.2 of Nijmegen's plan, 'Totaal'.
    cells = {c for row in table_rows(page_text(real_site, "bijlagen/begroting.html")) for c in row}
    assert {"€ 560.000", "€ 1.115.000", "€ 865.000", "€ 75.102"} <= cells


def test_every_indicator_appears_in_the_appendix_and_the_csv(real_site: Path, content) -> None:
    appendix = html.unescape(page_text(real_site, "bijlagen/indicatoren.html"))
    appendix = re.sub(r"<[^>]+>", "", appendix)
    raw = (real_site / "downloads/indicatoren.csv").read_text(encoding="utf-8-sig")
    csv_names = {row["Indicator"] for row in csv.DictReader(io.StringIO(raw), delimiter=";")}
    for item in content.interventions:
        iv = item.model
        for indicator in iv.indicators:
            name = " ".join(indicator.name.split())
            assert name in csv_names, name
            if iv.programme:
                assert name in " ".join(appendix.split()), name


def test_diagram_nodes_link_to_pages_and_have_text(real_site: Path) -> None:
    page = page_text(real_site, "interventies/jinc.html")
    svg = re.search(r'<svg[^>]*class="cimo-svg".*?</svg>', page, re.S).group(0)
    assert 'xlink:href="../mechanismen/rolmodellen.html"' in svg
    assert "<text" in svg and "Rolmodellen" in svg
    assert "Tekstversie van het schema" in page


def test_downloads_are_linked_and_present(real_site: Path) -> None:
    for name in (
        "indicatoren.csv",
        "indicatoren.xlsx",
        "begroting.csv",
        "begroting.xlsx",
        "kennisbank.json",
    ):
        assert (real_site / "downloads" / name).stat().st_size > 100
    assert "../downloads/begroting.xlsx" in page_text(real_site, "bijlagen/begroting.html")


def search_fragments(site: Path) -> dict[str, dict]:
    """Pagefind's stored pages (gzipped 'pagefind_dcd' + JSON), by URL."""
    fragments = {}
    for path in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        fragments[data["url"]] = data
    return fragments


def test_search_index_is_dutch_and_holds_every_intervention(real_site: Path, content) -> None:
    entry = json.loads(page_text(real_site, "pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == ["nl"]  # Dutch stemming
    fragments = search_fragments(real_site)
    for item in content.interventions:
        page = fragments[f"/interventies/{item.model.id}.html"]
        assert page["meta"]["soort"] == "interventie"
        assert page["filters"]["gemeente"]  # every intervention has its municipality
