"""The indicator appendix, the progress report and the downloads on the monitoring fixture,
which has a result of every status."""

from __future__ import annotations

import csv
import io
from functools import cache

from openpyxl import load_workbook

from cimo.config import open_folder
from cimo.graph import link
from cimo.validate import validate_content
from generator.render import RenderedSite, render_site
from tests.conftest import FIXTURES

MONITORING = FIXTURES / "monitoring"


@cache
def site() -> RenderedSite:
    content, problems = validate_content(MONITORING / "content")
    assert problems == []
    return render_site(link(content), open_folder(MONITORING).config)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_appendix_has_one_row_per_indicator_with_every_status() -> None:
    page = flat(site().pages["bijlagen/indicatoren.md"])
    assert page.count('<tr><th scope="row"') == 5  # 3 + 1 indicators and 1 of the programme
    for status in ("gehaald", "achter", "geen getal als doel", "uitkomst zonder getal"):
        assert f">{status}</span>" in page, status
    assert ">nog geen gegevens</span>" in page
    # wachttijd: lower is better; 35 against 30 in 2023 is behind, 18 against 20 in 2024 met.
    table = page[page.index("<tbody>") :]
    row = table[table.index("Gemiddelde wachttijd") :].split("</tr>")[0]
    assert "Doel: 30" in row and "Uitkomst: 35" in row and "achter" in row
    assert "Doel: 20" in row and "Uitkomst: 18" in row and "gehaald" in row
    assert "nulmeting 2023: 5 (01-01-2023)" in page


def test_appendix_summary_answers_at_a_glance() -> None:
    page = flat(site().pages["bijlagen/indicatoren.md"])
    assert "Dit programma heeft 5 indicatoren. Stand per: **30-06-2024**" in page
    assert (
        "**2023:** 4 van 5 met een getal als doel, 5 van 5 met een uitkomst; 2 gehaald, 1 achter."
        in page
    )
    assert (
        "**2024:** 3 van 5 met een getal als doel, 2 van 5 met een uitkomst; 1 gehaald, 0 achter."
        in page
    )
    assert '??? note "Doelen voor 2024 (4)"' in page
    assert "Mentorproject, Aantal deelnemers: **minimaal 12**" in page
    assert "Een indicator is gehaald als" in page


def test_progress_report_is_the_whole_document() -> None:
    page = flat(site().pages["voortgang/demoplan-2023.md"])
    assert "Stand per: **01-03-2024**" in page
    assert "| Iedereen kan groeien | € 1.400 | € 950 |" in page
    assert "| **Totaal** | **€ 1.900** | **€ 950** |" in page
    assert "| Centrum | € 1.000 | € 950 |" in page and "| West | € 0 | nog niet gemeld |" in page
    assert "| Gedeeld of stadsbreed | € 900 |" in page
    assert "| kinderen | 12 | Centrum |" in page and "Basisschool De Linde" in page
    assert "> Mijn mentor helpt mij met plannen." in page and "Een jongere" in page
    assert "Ouderavonden: geen uitgegeven bedrag gemeld." in page
    assert "Effecten in de hele stad zijn niet aan het plan toe te schrijven." in page
    later = flat(site().pages["voortgang/demoplan-2024.md"])
    assert "*Nog geen verslag over 2024: nog geen gegevens.*" in later


def test_programme_page_links_its_progress_reports() -> None:
    page = site().pages["programmas/demoplan.md"]
    assert "voortgang/demoplan-2023.md" in page and "voortgang/demoplan-2024.md" in page
    assert "voortgang/demoplan-2024.md" in site().pages["index.md"]


def test_downloads_open_in_dutch_excel() -> None:
    raw = site().files["downloads/indicatoren.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    wait = next(r for r in rows if r["Indicator"] == "Gemiddelde wachttijd in dagen")
    assert (wait["2023 doel"], wait["2023 uitkomst"], wait["2023 stand"]) == ("30", "35", "achter")
    assert wait["Lager is beter"] == "ja"
    budget = list(
        csv.reader(
            io.StringIO(site().files["downloads/begroting.csv"].decode("utf-8-sig")), delimiter=";"
        )
    )
    assert budget[0][:5] == ["Programma", "Programmalijn", "Onderdeel", "Jaar", "Bedrag (euro)"]
    sheet = load_workbook(io.BytesIO(site().files["downloads/begroting.xlsx"])).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    amount = sheet["E2"]
    assert isinstance(amount.value, int) and "€" in amount.number_format
    assert sheet.column_dimensions["C"].width >= 12
    indicators = load_workbook(io.BytesIO(site().files["downloads/indicatoren.xlsx"])).active
    header = [c.value for c in indicators[1]]
    assert "2024 uitkomst" in header and "2024 stand" in header
