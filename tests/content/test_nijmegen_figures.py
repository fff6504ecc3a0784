"""Nijmegen figures in content/ are checked against the seed texts they come from.

The expected numbers are never copied into this test: every amount, target and name is read from
the content and looked up in the plain-text source documents (the 'seeds'). The seeds folder is
found next to the repository (../shared/seeds) or via the environment variable CIMO_SEEDS; the
tests are skipped when it is missing.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from cimo.content_set import ContentSet
from cimo.model import Intervention, Programme
from cimo.validate import validate_content

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
SEEDS = Path(
    os.environ.get("CIMO_SEEDS") or Path(__file__).resolve().parents[3] / "shared" / "seeds"
)
PROGRAMME_ID = "nijmegen-gelijkwaardige-kansen-2023-2026"
OWNER = "gemeente-nijmegen"
#: The programme lines whose indicators must be worded exactly as the source words them.
WORDED_LINES = {"iedereen-kan-groeien", "iedereen-kan-hulp-krijgen"}

if not SEEDS.is_dir():
    pytest.skip(f"seed texts not found at {SEEDS} (set CIMO_SEEDS)", allow_module_level=True)

# An amount as the seeds write it: '€ 35.000', '€35.000' or '€ 1.115.000'.
AMOUNT = re.compile(r"€\s?(\d{1,3}(?:\.\d{3})*)(?![\d.,]\d)")
# Words that say nothing about which activity a line is about.
FILLER = {
    "stichting",
    "vanuit",
    "interventies",
    "voor",
    "naar",
    "door",
    "met",
    "van",
    "het",
    "een",
    "de",
    "en",
    "in",
    "op",
    "aan",
    "samen",
}


# ---------------------------------------------------------------------------------------------
# helpers


def dutch(amount: int) -> str:
    """35000 -> '35.000' (the Dutch thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def amounts_in(text: str) -> list[int]:
    return [int(m.group(1).replace(".", "")) for m in AMOUNT.finditer(text)]


def squash(text: str) -> str:
    """Whitespace collapsed, typographic quotes made plain, lower case: for phrase lookups."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def euro_spaced(text: str) -> str:
    return re.sub(r"€\s?", "€ ", text)


def words(text: str) -> set[str]:
    text = text.lower().replace("\u2019", "").replace("'", "")
    return {w for w in re.split(r"[^a-z0-9à-ÿ]+", text) if len(w) >= 4 and w not in FILLER}


def same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def overlap(label: str, text: str) -> int:
    """How many significant words of label also occur (or share a stem) in text."""
    theirs = words(text)
    return sum(1 for w in words(label) if any(same_word(w, t) for t in theirs))


def section(text: str, start: str, end: str | None) -> str:
    """The lines from the first line matching start up to (not including) one matching end."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if re.search(start, line))
    last = len(lines)
    if end:
        rest = enumerate(lines[first + 1 :], first + 1)
        last = next(i for i, line in rest if re.search(end, line))
    return "\n".join(lines[first:last])


@cache
def content() -> ContentSet:
    result, _ = validate_content(CONTENT)
    return result


@cache
def seed(source_id: str) -> str:
    documents = {s.model.id: s.model.document for s in content().sources}
    name = documents.get(source_id)
    assert name, f"source '{source_id}' has no seed document in the sources catalogue"
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed {path} missing")
    return path.read_text(encoding="utf-8")


def programme() -> Programme:
    found = [p.model for p in content().programmes if p.model.id == PROGRAMME_ID]
    assert found, f"programme {PROGRAMME_ID} is missing or invalid"
    return found[0]


def plan_text() -> str:
    return seed(programme().sources[0].source)


def budget_table() -> list[tuple[str, list[int]]]:
    """Rows of the table in 3.2: (label, amounts in column order). Empty columns are lost."""
    text = section(plan_text(), r"^\s*3\.2\.?\s*BEGROTING", r"^\s*4\.\s*Meten")
    lines = text.splitlines()
    years = re.compile(r"2023\s+2024\s+2025\s+2026")
    header = next(i for i, line in enumerate(lines) if years.search(line))
    rows = []
    for line in lines[header + 1 :]:
        amounts = amounts_in(line)
        if amounts:
            rows.append((line[: line.index("€")].strip(), amounts))
    return rows


def row_for(title: str) -> tuple[str, list[int]]:
    """The table row whose label best matches title; fails when none or several match best."""
    scored = sorted(
        ((overlap(label, title), label, amounts) for label, amounts in budget_table()),
        key=lambda r: r[0],
        reverse=True,
    )
    best = scored[0][0]
    assert best > 0, f"no row of table 3.2 names '{title}'"
    tied = [r for r in scored if r[0] == best]
    assert len(tied) == 1, f"'{title}' matches several rows of table 3.2: {[r[1] for r in tied]}"
    return tied[0][1], tied[0][2]


def naming(iv: Intervention) -> str:
    """The words that name an intervention: its title and its id."""
    return f"{iv.title} {iv.id.replace('-', ' ')}"


def nijmegen_interventions() -> list[Intervention]:
    return [i.model for i in content().interventions if i.model.owner == OWNER]


def in_programme() -> list[Intervention]:
    return [
        iv
        for iv in nijmegen_interventions()
        if iv.programme == PROGRAMME_ID
        and iv.budget
        and iv.budget.in_programme_budget
        and iv.budget.amounts
    ]


# ---------------------------------------------------------------------------------------------
# tests


def test_nijmegen_content_has_no_problems() -> None:
    _, problems = validate_content(CONTENT)
    mine = [p.format() for p in problems if "nijmegen" in p.location.file]
    assert mine == []


def test_budget_table_is_read() -> None:
    labels = [label for label, _ in budget_table()]
    assert labels[-1].lower().startswith("totaal")
    assert len(labels) > 10


@pytest.mark.parametrize("iv", in_programme(), ids=lambda iv: iv.id)
def test_budget_amounts_are_on_the_activitys_row_of_table_3_2(iv: Intervention) -> None:
    assert iv.budget is not None
    label, row = row_for(naming(iv))
    ours = [iv.budget.amounts[year] for year in sorted(iv.budget.amounts)]
    for amount in ours:
        assert amount in row, f"€ {dutch(amount)} of {iv.id} is not on row '{label}': {row}"
    # The row lists the non-empty columns in year order, so the whole sequence must agree.
    assert ours == row, f"{iv.id}: {ours} (by year) differs from row '{label}': {row}"


@pytest.mark.parametrize("iv", in_programme(), ids=lambda iv: iv.id)
def test_budget_years_lie_in_the_programme_period(iv: Intervention) -> None:
    assert iv.budget is not None
    period = programme().period
    assert all(period.start <= y <= (period.end or 2100) for y in iv.budget.amounts)


def test_other_budget_rows_are_on_their_row_of_table_3_2() -> None:
    rows = programme().other_budget_rows
    assert rows, "the programme has no other_budget_rows"
    for row in rows:
        label, amounts = row_for(row.title)
        assert squash(label) == squash(row.title)
        assert [row.amounts[y] for y in sorted(row.amounts)] == amounts


def test_declared_totals_are_the_total_row() -> None:
    declared = programme().declared_totals
    if not declared:
        pytest.skip("no declared_totals yet")
    label, amounts = budget_table()[-1]
    assert label.lower().startswith("totaal")
    assert [declared[y] for y in sorted(declared)] == amounts


def test_every_column_of_table_3_2_is_covered_by_content() -> None:
    """Every amount in the table (except the total row) is some budget row's amount."""
    ours: list[int] = [a for iv in in_programme() for a in iv.budget.amounts.values()]  # type: ignore[union-attr]
    ours += [a for row in programme().other_budget_rows for a in row.amounts.values()]
    table = [a for label, row in budget_table()[:-1] for a in row]
    missing = list(table)
    for amount in ours:
        if amount in missing:
            missing.remove(amount)
    rows_with_content = {row_for(naming(iv))[0] for iv in in_programme()}
    rows_with_content |= {row_for(r.title)[0] for r in programme().other_budget_rows}
    uncovered = [label for label, _ in budget_table()[:-1] if label not in rows_with_content]
    if uncovered:
        pytest.skip(f"table rows without content yet: {uncovered}")
    assert missing == []


def test_jinc_targets_appear_in_bijlage_2() -> None:
    bijlage2 = squash(section(plan_text(), r"^\s*BIJLAGE 2\b", None))
    jinc = next(iv for iv in nijmegen_interventions() if iv.id == "jinc")
    targets = [(y, v) for ind in jinc.indicators for y, v in ind.targets.items()]
    assert targets, "JINC has no targets"
    for year, value in targets:
        text = dutch(value) if isinstance(value, int) else str(value)
        assert re.search(rf"{year}: {re.escape(text.lower())}(?![\d.])", bijlage2), (
            f"JINC target {year}: {text} is not in Bijlage 2"
        )


@pytest.mark.parametrize(
    "iv",
    [
        iv
        for iv in nijmegen_interventions()
        if iv.programme_line in WORDED_LINES or iv.programme_line is None
    ],
    ids=lambda iv: iv.id,
)
def test_indicator_names_are_worded_as_in_their_source(iv: Intervention) -> None:
    for indicator in iv.indicators:
        refs = indicator.sources or iv.sources
        texts = [squash(seed(ref.source)) for ref in refs]
        name = squash(indicator.name).rstrip(".")
        assert any(name in text for text in texts), (
            f"{iv.id}: indicator '{indicator.name}' is not worded so in {[r.source for r in refs]}"
        )


@pytest.mark.parametrize(
    "iv",
    [iv for iv in nijmegen_interventions() if iv.budget and not iv.budget.in_programme_budget],
    ids=lambda iv: iv.id,
)
def test_amounts_outside_the_programme_appear_in_their_source(iv: Intervention) -> None:
    assert iv.budget is not None
    refs = iv.budget.sources or iv.sources
    text = "\n".join(seed(ref.source) for ref in refs)
    for amount in iv.budget.amounts.values():
        assert amount in amounts_in(text), f"€ {dutch(amount)} of {iv.id} is not in its source"


def test_vo_team_amount_is_in_the_council_proposal() -> None:
    vo_team = next(iv for iv in nijmegen_interventions() if iv.id == "vo-team-gezinswerker")
    assert vo_team.budget is not None and not vo_team.budget.in_programme_budget
    proposal = seed("nijmegen-raadsvoorstel-vo-team-2025")
    for amount in vo_team.budget.amounts.values():
        assert re.search(rf"€\s?{re.escape(dutch(amount))}(?![\d.])", proposal)


def test_existing_activities_match_bijlage_1() -> None:
    bijlage1 = section(plan_text(), r"^\s*BIJLAGE 1\b", r"^\s*BIJLAGE 2\b")
    lines = [euro_spaced(squash(line)) for line in bijlage1.splitlines()]
    activities = programme().existing_activities
    assert activities, "no existing_activities"
    for activity in activities:
        assert activity.amount, f"'{activity.title}' has no amount"
        amount = euro_spaced(squash(activity.amount))
        hits = [line for line in lines if amount in line]
        assert any(overlap(activity.title, line) for line in hits), (
            f"'{activity.title}' with '{activity.amount}' is not on a line of Bijlage 1"
        )
    # Every euro amount of Bijlage 1 belongs to exactly one activity.
    in_source = Counter(amounts_in(bijlage1))
    in_content = Counter(a for act in activities for a in amounts_in(act.amount or ""))
    assert in_content == in_source


def test_context_figures_appear_in_their_source() -> None:
    """Every context factor figure of a Nijmegen intervention occurs in one of its sources."""
    checked = 0
    for iv in nijmegen_interventions():
        for factor in iv.context.factors:
            if not factor.figure:
                continue
            refs = factor.sources or iv.context.sources or iv.sources
            text = squash(" ".join(seed(ref.source) for ref in refs))
            for percent in re.findall(r"\d+%", factor.figure):
                assert percent in text, f"{iv.id}: figure {percent} is not in {refs}"
                checked += 1
    assert checked > 0
