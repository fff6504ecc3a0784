"""No e-mail address or phone number may be published: the check, and the real content."""

from __future__ import annotations

import pytest

from cimo.load import Document, load_content
from cimo.personal_data import check_personal_data, find_personal_data
from tests.conftest import REPO


@pytest.mark.parametrize(
    "text",
    [
        "mail j.jansen@rotterdam.nl",
        "b.warner@oog.nl",
        "bel 06-12345678.",
        "T: 06 3398 8706",
        "T: 020 5854 841",
        "070 3364 990",
        "+31 6 12345678",
        "0031 20 1234567",
    ],
)
def test_contact_details_are_found(text: str) -> None:
    assert find_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "€ 1.115.000",
        "budgetcode 44013 E600101-100",
        "2023: 448 ontmoetingen; 2026: 1.645",
        "https://www.jinc.nl",
        "in 2023, 2024 en 2025",
        "40% (Nijmegen: 25%)",
    ],
)
def test_figures_and_websites_are_not_mistaken_for_contact_details(text: str) -> None:
    assert find_personal_data(text) == []


def test_bundled_content_holds_no_contact_details() -> None:
    documents, _ = load_content(REPO / "content")
    assert documents, "the bundled content must load"
    assert check_personal_data(documents) == []
    for path in sorted((REPO / "content").rglob("*")):
        if path.is_file():
            assert find_personal_data(path.read_text(encoding="utf-8")) == [], path


def test_the_message_quotes_only_a_short_piece_of_what_was_found() -> None:
    address = "a" * 500 + "@example.nl"
    document = Document("x.yaml", "interventions", {"goal": f"mail {address}"}, {})
    [problem] = check_personal_data([document])
    assert problem.message == (
        f"contains an e-mail address ('{'a' * 39}…'); people's contact details are never published"
    )
