"""'Vragen voor de raad': each rule fires on the gap it names, and only then."""

from __future__ import annotations

import pytest

from cimo.graph import KnowledgeBase
from cimo.knowledge_base import load_knowledge_base
from cimo.model import Provenance, Status
from generator.views.questions import council_questions, month_year
from tests.conftest import REPO


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base(REPO / "content").kb


def kinds(kb: KnowledgeBase, ident: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for q in council_questions(kb, kb.interventions[ident]):
        found.setdefault(q.kind, []).append(f"{q.text} {q.reason}")
    return found


def test_month_year_is_dutch() -> None:
    assert month_year("2019-03") == "maart 2019"
    assert month_year("2023") == "2023"


def test_text_and_table_that_disagree_become_a_question(kb) -> None:
    # Plan 3.1.1 says € 300.000 a year from 2023; table 3.2 gives 270.000 and 289.000.
    found = kinds(kb, "jongerenwerk-vo")
    assert found["disagreement"] == [
        "De bronnen verschillen over: bedrag per jaar. Wat klopt? De bedragen uit de tabel."
    ]


def test_indicators_without_a_number_become_one_question(kb) -> None:
    # Bijlage 2: 'Er is geen doelstelling op aantallen' for the six indicators of jongerenwerk vo.
    assert kinds(kb, "jongerenwerk-vo")["no-target"] == [
        "Welk resultaat wilt u bereiken? Geen van de 6 indicatoren heeft een streefgetal."
    ]


def test_money_that_ends_before_the_programme_does(kb) -> None:
    # The vo-team subsidy is for 2025 only; the plan it relates to runs until 2026.
    assert kinds(kb, "vo-team-gezinswerker")["money-ends"] == [
        "Wat gebeurt er na 2025? Het geld stopt na 2025. Het programma loopt tot en met 2026."
    ]


def test_status_of_the_alliance_booklet_is_dated_march_2019(kb) -> None:
    found = kinds(kb, "nijmegen-vve-plus")
    assert found["status"] == ["Hoe staat het er nu voor? De stand in de bron is van maart 2019."]
    assert "inferred" in found  # all four mechanisms of VVE-plus are the editors' reading


def test_rules_stay_silent_when_the_gap_is_closed(kb) -> None:
    iv = kb.interventions["jongerenwerk-vo"]
    closed = iv.model_copy(
        update={
            "disagreements": [],
            "indicators": [
                i.model_copy(
                    update={"targets": {2026: 1}, "measures": [o.outcome for o in iv.outcomes]}
                )
                for i in iv.indicators
            ],
            "mechanisms": [
                m.model_copy(update={"provenance": Provenance.stated}) for m in iv.mechanisms
            ],
            "status": Status.completed,
        }
    )
    found = {q.kind for q in council_questions(kb, closed)}
    assert found.isdisjoint({"disagreement", "no-target", "unmeasured", "inferred", "status"})


def test_unknown_status_asks_whether_it_started(kb) -> None:
    # The plan does not say whether the extra jongerenwerk started in 2024 (status 'onbekend').
    assert kinds(kb, "jongerenwerk-schakelleeftijd")["status"] == [
        "Is het al begonnen? De bronnen zeggen niet of het al loopt."
    ]


def test_every_question_is_short(kb) -> None:
    for iv in kb.interventions.values():
        for q in council_questions(kb, iv):
            assert len(q.text.split()) <= 25, q.text
