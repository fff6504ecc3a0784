"""'Vragen voor de raad': questions a council member could ask, derived from the data.

Each rule looks at one kind of gap in an intervention (an outcome nobody measures, a target
without a number, sources that disagree, money that ends, a mechanism only the editors infer,
no research, an old status) and words it as one short question (B1) with a short reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cimo.graph import KnowledgeBase
from cimo.model import Intervention, Provenance, Status

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
MAX_NAMES = 2  # name at most this many items in one question; count the rest


@dataclass(frozen=True)
class Question:
    """One question for the council, and the fact in the knowledge base it comes from."""

    kind: str  # the rule, e.g. "unmeasured"
    text: str
    reason: str


def month_year(date: str) -> str:
    """'2019-03' → 'maart 2019'; '2023' → '2023'."""
    months = MONTHS.split()
    year, _, month = date.partition("-")
    return f"{months[int(month) - 1]} {year}" if month else year


def _names(items: list[str]) -> str:
    shown = [f"'{item}'" for item in items[:MAX_NAMES]]
    if len(items) > MAX_NAMES:
        shown.append(f"nog {len(items) - MAX_NAMES}")
    return " en ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)


def _unmeasured(kb: KnowledgeBase, iv: Intervention) -> Iterator[Question]:
    measured = {o for ind in iv.indicators for o in ind.measures}
    missing = [kb.outcomes[o.outcome].name for o in iv.outcomes if o.outcome not in measured]
    if missing:
        yield Question(
            "unmeasured",
            "Hoe weet u of dit werkt?",
            "Geen indicator meet " + _names(missing) + ".",
        )


def _no_target(kb: KnowledgeBase, iv: Intervention) -> Iterator[Question]:
    without = [ind.name for ind in iv.indicators if not ind.targets]
    if without and len(without) == len(iv.indicators):
        yield Question(
            "no-target",
            "Welk resultaat wilt u bereiken?",
            f"Geen van de {len(without)} indicatoren heeft een streefgetal.",
        )
    elif without:
        yield Question(
            "no-target",
            "Welk resultaat wilt u bereiken?",
            "Geen streefgetal bij " + _names(without) + ".",
        )


def _disagreements(kb: KnowledgeBase, iv: Intervention) -> Iterator[Question]:
    for disagreement in iv.disagreements:
        yield Question(
            "disagreement",
            f"De bronnen verschillen over: {disagreement.about.lower()}. Wat klopt?",
            disagreement.we_use,
        )


def _money_ends(kb: KnowledgeBase, iv: Intervention) -> Iterator[Question]:
    if not iv.budget or not iv.budget.amounts:
        return
    last = max(iv.budget.amounts)
    programme_id = iv.programme or iv.related_programme
    programme = kb.programmes.get(programme_id) if programme_id else None
    runs_until = programme.period.end if programme else None
    if runs_until and last < runs_until:
        yield Question(
            "money-ends",
            f"Wat gebeurt er na {last}?",
            f"Het geld stopt na {last}. Het programma loopt tot en met {runs_until}.",
        )
    elif not iv.budget.in_programme_budget:
        yield Question(
            "money-ends",
            f"Is er na {last} nog geld voor?",
            "Het geld komt uit een andere begroting: " + (iv.budget.funding or "niet genoemd."),
        )


def _inferred_mechanisms(kb: KnowledgeBase, iv: Intervention) -> Iterator[Question]:
    inferred = [
        kb.mechanisms[m.mechanism].name
        for m in iv.mechanisms
        if m.provenance == Provenance.inferred
    ]
    if inferred:
        yield Question(
            "inferred",
            "Waarom zou dit werken?",
            "De bron noemt " + _names(inferred) + " niet als reden. De redactie leidt het af.",
        )


def _no_research(kb: KnowledgeBase, iv: Intervention) -> Iterator[Question]:
    if not iv.evidence and iv.outcomes:
        yield Question(
            "no-research",
            "Is er onderzoek dat laat zien dat dit werkt?",
            "De bronnen noemen geen onderzoek.",
        )


def _status(kb: KnowledgeBase, iv: Intervention) -> Iterator[Question]:
    if iv.status == Status.completed:
        return
    if iv.status == Status.unknown:
        yield Question("status", "Is het al begonnen?", "De bronnen zeggen niet of het al loopt.")
    elif iv.status_date:
        yield Question(
            "status",
            "Hoe staat het er nu voor?",
            f"De stand in de bron is van {month_year(iv.status_date)}.",
        )


RULES: tuple[Callable[[KnowledgeBase, Intervention], Iterator[Question]], ...] = (
    _unmeasured,
    _no_target,
    _disagreements,
    _money_ends,
    _inferred_mechanisms,
    _no_research,
    _status,
)


def council_questions(kb: KnowledgeBase, iv: Intervention) -> list[Question]:
    """Every question the rules find for one intervention, in the order of RULES."""
    return [question for rule in RULES for question in rule(kb, iv)]
