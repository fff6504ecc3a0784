"""Search in a real browser: Pagefind's index, Dutch word forms, filters, keyboard, sub-folders.

The index is made by generator/search.py in `cimo build`; the page 'Zoeken' fetches it only
when someone searches.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_browser import PHONE, QuietHandler

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def sub_folder_url(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site published in a sub-folder: http://host/kennisbank/ (a symlink to the site)."""
    top = tmp_path_factory.mktemp("published")
    (top / "kennisbank").symlink_to(real_site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(top))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/kennisbank"
    server.shutdown()


def search(page, term: str) -> list[str]:
    """Type a term as a person would; return the result URLs (all pages of results)."""
    page.locator("#cimo-search-q").fill("")
    page.locator("#cimo-search-q").type(term)
    page.wait_for_function(
        "t => document.getElementById('cimo-search-status').textContent.includes(t)", arg=term
    )
    show_all(page)
    return sorted(
        page.eval_on_selector_all("#cimo-search-results h2 a", "as => as.map(a => a.href)")
    )


def show_all(page) -> None:
    """Press 'Meer resultaten' until every result is listed."""
    for _ in range(100):
        if not page.locator("#cimo-search-more").is_visible():
            break
        page.locator("#cimo-search-more").click()
        page.wait_for_timeout(200)
    else:
        pytest.fail("'Meer resultaten' never goes away")
    page.wait_for_load_state("networkidle")


def test_a_first_page_view_fetches_nothing_for_search(page, sub_folder_url) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{sub_folder_url}/index.html")
    page.wait_for_load_state("networkidle")
    page.goto(f"{sub_folder_url}/interventies/jinc.html")
    page.wait_for_load_state("networkidle")
    assert fetched and not [url for url in fetched if "/pagefind/" in url]
    assert not [url for url in fetched if "search_index" in url or "search.json" in url]


@pytest.mark.parametrize(
    ("one", "other"),
    [("achterstand", "achterstanden"), ("ouder", "ouders"), ("wijk", "wijken")],
)
def test_singular_and_plural_find_the_same_pages(page, sub_folder_url, one, other) -> None:
    page.goto(f"{sub_folder_url}/zoeken.html")
    found = search(page, one)
    assert len(found) > 3
    assert search(page, other) == found


def test_results_show_kind_and_municipality_and_link_inside_the_sub_folder(
    page, sub_folder_url
) -> None:
    page.goto(f"{sub_folder_url}/zoeken.html")
    search(page, "Lindenholt")
    nimma = page.locator(".cimo-search-result", has=page.locator("a[href$='nimma-academie.html']"))
    assert nimma.locator(".cimo-search-kind").inner_text().lower() == (
        "interventie · gemeente nijmegen"
    )
    nimma.locator("h2 a").click()
    page.wait_for_url(f"{sub_folder_url}/interventies/nimma-academie.html")


@pytest.mark.parametrize(
    "term", ["Stichting Leergeld", "Dukenburg", "Aantal deelnemers", "Rolmodellen"]
)
def test_what_was_findable_stays_findable(page, sub_folder_url, term: str) -> None:
    # an organisation, an area, words of an indicator, a mechanism
    page.goto(f"{sub_folder_url}/zoeken.html")
    assert search(page, term)


def test_filters_have_counts_and_narrow_the_results_by_keyboard(page, sub_folder_url) -> None:
    page.goto(f"{sub_folder_url}/zoeken.html")
    everything = search(page, "ouders")
    page.locator("#cimo-search-filters summary", has_text="Gemeente of netwerk").focus()
    page.keyboard.press("Enter")  # opens the group
    option = page.locator("label", has_text="Gemeente Enschede")
    count = int(option.inner_text().rsplit("(", 1)[1].rstrip(")"))
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.value") != "Gemeente Enschede":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.wait_for_function(
        "n => document.getElementById('cimo-search-status').textContent.startsWith(n + ' ')",
        arg=count,
    )
    assert page.evaluate("document.activeElement.value") == "Gemeente Enschede"  # focus kept
    show_all(page)
    kinds = page.locator(".cimo-search-kind").all_inner_texts()
    assert 0 < len(kinds) == count < len(everything)
    assert "gemeente=Gemeente+Enschede" in page.url  # a filtered search has a URL to share
    page.goto(page.url)
    page.locator("#cimo-search-results li").first.wait_for()
    assert page.locator("#cimo-search-filters input:checked").count() == 1


def test_search_from_disk_says_what_works(browser, real_site: Path) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto((real_site / "zoeken.html").as_uri())
    assert "webserver" in page.locator("#cimo-search-status").inner_text()
    page.close()


def _indexed_pages(site: Path) -> dict[str, str]:
    """Page URL → the text Pagefind indexed for it (its fragments: gzip, a signature, JSON)."""
    import gzip
    import json

    pages = {}
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        pages[record["url"]] = record["content"]
    return pages


def test_search_indexes_each_text_once_and_not_other_pages_names(real_site: Path) -> None:
    """The at-a-glance card and the diagram's text version repeat the page; 'Lijkt op' names
    other interventions. None of it is indexed, so a name finds its own page first."""
    pages = _indexed_pages(real_site)
    interventions = {url: text for url, text in pages.items() if "/interventies/" in url}
    assert len(interventions) > 40
    for url, text in interventions.items():
        assert "Tekstversie van het schema" not in text, url
        assert "C — Context" not in text, url
        assert "overeenkomst" not in text, url  # the rows of 'Lijkt op'
    assert any("Lijkt op" in text for text in interventions.values())  # the heading stays
    mechanisms = [text for url, text in pages.items() if "/mechanismen/" in url]
    assert mechanisms and not any("Tekstversie van het schema" in t for t in mechanisms)
