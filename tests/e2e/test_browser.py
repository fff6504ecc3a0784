"""The real site in a real browser (Debian's Chromium via Playwright): search, diagrams,
filters, the side-by-side view, screenshots, keyboard use and WCAG 2.1 AA checks with axe-core."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cimo.validate import validate_content
from tests.conftest import REPO

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def base_url(real_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(real_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: scripts/test installs Debian's chromium package")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def test_search_finds_a_mechanism_by_a_dutch_word_from_its_description(page, base_url) -> None:
    page.goto(f"{base_url}/index.html")
    page.locator("a.cimo-search-link").click()
    page.wait_for_url("**/zoeken.html")
    page.locator("#cimo-search-q").click()
    page.keyboard.type("vooroordelen")
    result = page.locator("#cimo-search-results a[href*='mechanismen/bewustwording.html']")
    result.first.wait_for(timeout=15_000)
    result.first.click()
    page.wait_for_url("**/mechanismen/bewustwording.html*")
    assert "Bewustwording en kennis" in page.locator("h1").inner_text()


def test_clicking_a_diagram_node_opens_the_mechanism_page(page, base_url) -> None:
    page.goto(f"{base_url}/interventies/jinc.html")
    node = page.locator("svg.cimo-svg a[*|href='../mechanismen/rolmodellen.html']")
    node.click()
    page.wait_for_url("**/mechanismen/rolmodellen.html")
    assert page.locator("h1").inner_text() == "Rolmodellen en inspiratie"


def test_filters_narrow_the_list(page, base_url) -> None:
    content, _ = validate_content(REPO / "content")
    enschede = [i for i in content.interventions if i.model.owner == "gemeente-enschede"]
    rolmodellen = [
        i
        for i in content.interventions
        if any(m.mechanism == "rolmodellen" for m in i.model.mechanisms)
    ]
    page.goto(f"{base_url}/interventies/index.html")
    rows = page.locator("#cimo-interventions tbody tr:visible")
    assert rows.count() == len(content.interventions)
    page.select_option("#filter-group", "gemeente-enschede")
    assert rows.count() == len(enschede)
    assert page.locator("#cimo-filter-count").inner_text() == f"{len(enschede)} interventies"
    page.click("#cimo-filters button[type=reset]")
    page.select_option("#filter-mechanism", "rolmodellen")
    assert rows.count() == len(rolmodellen)
    page.select_option("#filter-group", "gemeente-nijmegen")
    nijmegen_rol = [i for i in rolmodellen if i.model.owner == "gemeente-nijmegen"]
    assert rows.count() == len(nijmegen_rol) < len(rolmodellen)


def test_list_is_complete_without_javascript(browser, base_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/interventies/index.html")
    content, _ = validate_content(REPO / "content")
    assert page.locator("#cimo-interventions tbody tr").count() == len(content.interventions)
    assert not page.locator("#cimo-filters").is_visible()
    context.close()


def test_side_by_side_shows_both_interventions(page, base_url) -> None:
    page.goto(f"{base_url}/interventies/jinc.html")
    page.get_by_text("Vergelijk met een andere interventie").click()
    page.wait_for_url("**/vergelijken/naast-elkaar.html?a=jinc")
    page.select_option("#cimo-b", "2gethere")
    page.click("#cimo-pair button[type=submit]")
    columns = page.locator("#cimo-side-by-side .cimo-side-col")
    assert columns.count() == 2
    assert "Kennismaken met de arbeidsmarkt" in columns.nth(0).locator("h2").inner_text()
    assert columns.nth(1).locator("h3").count() == 4
    assert "b=2gethere" in page.url


@pytest.mark.parametrize(
    "ident", ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "bestaat-niet"]
)
def test_side_by_side_treats_inherited_names_as_unknown_ids(page, base_url, ident: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/vergelijken/naast-elkaar.html?a={ident}&b={ident}")
    columns = page.locator("#cimo-side-by-side .cimo-side-col")
    columns.first.wait_for()
    assert errors == []
    assert columns.count() == 2  # the default pair, as for any id that does not exist
    first = page.locator("#cimo-a option").first.inner_text()
    assert first.startswith(columns.nth(0).locator("h2").inner_text())
    assert page.eval_on_selector("#cimo-a", "s => s.value") != page.eval_on_selector(
        "#cimo-b", "s => s.value"
    )


def test_keyboard_alone_reaches_and_follows_a_diagram_link(page, base_url) -> None:
    page.goto(f"{base_url}/interventies/jinc.html")
    for _ in range(150):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "document.activeElement && document.activeElement.getAttribute"
            "('href') || document.activeElement.getAttribute('xlink:href')"
        )
        if href == "../mechanismen/praktijkervaring.html":
            break
    else:
        pytest.fail("the diagram's mechanism link is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mechanismen/praktijkervaring.html")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "interventies/jinc.html",
        "vergelijken/index.html",
        "vergelijken/matrix.html",
        "vergelijken/hoe-vergelijken.html",
        "interventies/index.html",
        "zoeken.html?q=ouders",
    ],
)
def test_screenshots(browser, base_url, path: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{base_url}/{path}")
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.replace("/", "-").replace("?q=", "-").replace(".html", "")
    target = ARTIFACTS / f"{name}-{'phone' if viewport is PHONE else 'desktop'}.png"
    page.screenshot(path=str(target), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert target.stat().st_size > 10_000
    assert width <= viewport["width"] + 1, "the page scrolls sideways"


def axe_violations(page) -> list[str]:
    from axe_playwright_python import sync_playwright as axe_module

    script = Path(axe_module.__file__).with_name("axe.min.js")
    page.add_script_tag(path=str(script))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "interventies/jinc.html",
        "interventies/index.html",
        "mechanismen/rolmodellen.html",
        "bijlagen/indicatoren.html",
        "bijlagen/begroting.html",
        "vergelijken/index.html",
        "vergelijken/matrix.html",
        "vergelijken/naast-elkaar.html",
        "voortgang/nijmegen-gelijkwaardige-kansen-2023-2026-2024.html",
        "gebieden/dukenburg.html",
        "programmas/nijmegen-gelijkwaardige-kansen-2023-2026.html",
        "vergelijken/hoe-vergelijken.html",
        "zoeken.html",
        "zoeken.html?q=achterstanden",
    ],
)
def test_no_wcag_21_aa_violations(browser, base_url, path: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{base_url}/{path}")
    if "?q=" in path:  # search results and every filter group open
        page.locator("#cimo-search-results li").first.wait_for(timeout=15_000)
        for group in page.locator("#cimo-search-filters summary").all():
            group.click()
    if path == "vergelijken/index.html":
        page.locator("details.cimo-matches summary").first.click()
    violations = axe_violations(page)
    context.close()
    assert violations == []


@pytest.mark.parametrize(
    "path",
    [
        "interventies/jinc.html",
        "bijlagen/indicatoren.html",
        "voortgang/nijmegen-gelijkwaardige-kansen-2023-2026-2024.html",
    ],
)
def test_prints_cleanly_on_a4(browser, base_url, path: str) -> None:
    context = browser.new_context(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page = context.new_page()
    page.goto(f"{base_url}/{path}")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer']
        .map(s => document.querySelector(s))
        .every(e => !e || getComputedStyle(e).display === 'none')""")
    overflow = page.evaluate("document.documentElement.scrollWidth")
    pdf = page.pdf(format="A4")
    context.close()
    assert hidden, "site chrome is printed"
    assert overflow <= 794 + 1, "printed content is wider than the page"
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


# -- the monitoring fixture: every status, a whole progress report ----------------------------

MONITORING_PAGES = [
    "bijlagen/indicatoren.html",
    "voortgang/demoplan-2023.html",
    "voortgang/demoplan-2024.html",
    "interventies/mentor.html",
    "gebieden/centrum.html",
    "programmas/demoplan.html",
]


@pytest.fixture(scope="module")
def monitoring_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from generator.build import build_site
    from tests.conftest import FIXTURES

    out = tmp_path_factory.mktemp("monitoring") / "site"
    build_site(FIXTURES / "monitoring" / "content", out, strict=True, cache_dir=None)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    "viewport", [DESKTOP, PHONE, {"width": 375, "height": 812}], ids=["desktop", "phone", "375"]
)
@pytest.mark.parametrize("path", MONITORING_PAGES)
def test_monitoring_pages_are_accessible_and_never_scroll_sideways(
    browser, monitoring_url, path: str, viewport: dict
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{monitoring_url}/{path}")
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate(
        "() => Math.max(0, ...[...document.querySelectorAll('.md-content table, .cimo-mon')]"
        ".map(e => e.scrollWidth - e.clientWidth))"
    )
    violations = axe_violations(page)
    context.close()
    assert violations == []
    assert width <= viewport["width"] + 1, "the page scrolls sideways"
    if viewport["width"] < 500 and path.startswith(("bijlagen", "voortgang")):
        assert inner <= 2, "a table scrolls sideways on a phone"


def test_appendix_on_a_phone_shows_each_indicator_as_a_card(browser, monitoring_url) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(f"{monitoring_url}/bijlagen/indicatoren.html")
    label = page.evaluate(
        "() => getComputedStyle("
        "document.querySelector('.cimo-mon-table td[data-label]'), '::before').content"
    )
    display = page.evaluate(
        "() => getComputedStyle(document.querySelector('.cimo-mon-table tr')).display"
    )
    context.close()
    assert label == '"Indicator: "' and display == "block"
