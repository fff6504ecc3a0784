"""The list, the side-by-side view and the comparison pages in a real browser."""

from __future__ import annotations

import pytest

from cimo.validate import validate_content
from tests.conftest import REPO

pytestmark = pytest.mark.browser


def money(row_text: str) -> int:
    if "€" not in row_text:
        return -1
    return int(row_text.split("€ ", 1)[1].split(" ", 1)[0].replace(".", ""))


def test_the_list_sorts_by_money_and_the_address_restores_it(page, base_url) -> None:  # noqa: F811
    page.goto(f"{base_url}/interventies/index.html")
    page.select_option("#cimo-sort", "geld")
    page.select_option("#filter-evidence", "ja")
    rows = page.locator("#cimo-interventions tbody tr:visible td:first-child")
    amounts = [money(t) for t in rows.all_inner_texts()]
    assert amounts == sorted(amounts, reverse=True) and amounts[0] > 0
    content, _ = validate_content(REPO / "content")
    with_evidence = [i for i in content.interventions if i.model.evidence]
    assert len(amounts) == len(with_evidence)
    assert "sort=geld" in page.url and "evidence=ja" in page.url
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    assert page.eval_on_selector("#cimo-sort", "s => s.value") == "geld"
    assert rows.count() == len(with_evidence)
    assert [money(t) for t in rows.all_inner_texts()] == amounts


def test_an_unknown_sort_in_the_address_falls_back_to_the_plain_order(page, base_url) -> None:  # noqa: F811
    page.goto(f"{base_url}/interventies/index.html?sort=__proto__&money=bestaat-niet")
    assert page.eval_on_selector("#cimo-sort", "s => s.value") == "naam"
    content, _ = validate_content(REPO / "content")
    rows = page.locator("#cimo-interventions tbody tr:visible")
    assert rows.count() == len(content.interventions)


def test_a_side_by_side_pair_has_an_address(page, base_url) -> None:  # noqa: F811
    page.goto(f"{base_url}/vergelijken/naast-elkaar.html?a=jinc")
    page.select_option("#cimo-b", "sittard-geleen-petje-af")
    assert "a=jinc" in page.url and "b=sittard-geleen-petje-af" in page.url
    page.goto(page.url)
    columns = page.locator("#cimo-side-by-side .cimo-side-col h2")
    assert columns.count() == 2
    assert "Petje af" in columns.nth(1).inner_text()


def test_a_match_row_opens_the_pair_side_by_side(page, base_url) -> None:  # noqa: F811
    page.goto(f"{base_url}/interventies/jinc.html")
    page.locator("a", has_text="Bekijk naast elkaar").first.click()
    page.wait_for_url("**/naast-elkaar.html?a=jinc&b=sittard-geleen-petje-af")
    assert page.locator("#cimo-side-by-side .cimo-side-col").count() == 2
