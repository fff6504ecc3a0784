"""Checks between the fields of one record: values that are each fine but cannot all be true
(a minimum age above the maximum, a period that ends before it starts, money outside the
years the intervention runs, an id listed twice)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from cimo.content_set import ContentSet, Located
from cimo.excerpt import excerpt
from cimo.model import Intervention, Period
from cimo.problems import Problem, format_path


def check_record_sense(content: ContentSet) -> list[Problem]:
    problems: list[Problem] = []
    for item in content.interventions:
        problems += _intervention_sense(item)
    for programme in content.programmes:
        problems += _period_order(programme, programme.model.period, ("period",))
        problems += _twice(programme, programme.model.focus_areas, ("focus_areas",))
    return problems


def _problem(
    item: Located[BaseModel], path: tuple[str | int, ...], message: str, hint: str
) -> Problem:
    return Problem(item.locate(*path), format_path(item.field_path(*path)), message, hint)


def _intervention_sense(item: Located[Intervention]) -> Iterator[Problem]:
    iv = item.model
    ages = iv.context.age_range
    if ages and ages.min > ages.max:
        yield _problem(
            item,
            ("context", "age_range", "min"),
            f"de minimumleeftijd ({ages.min}) is hoger dan de maximumleeftijd ({ages.max})",
            "Zet de laagste leeftijd bij min en de hoogste bij max.",
        )
    if iv.period:
        yield from _period_order(item, iv.period, ("period",))
        if iv.budget and (iv.period.end is None or iv.period.start <= iv.period.end):
            runs = (
                f"alleen in {iv.period.start}"
                if iv.period.start == iv.period.end
                else f"van {iv.period.start} tot en met {iv.period.end}"
                if iv.period.end
                else f"vanaf {iv.period.start}"
            )
            for year in iv.budget.amounts:
                if year < iv.period.start or (iv.period.end and year > iv.period.end):
                    yield _problem(
                        item,
                        ("budget", "amounts", year),
                        f"er is geld voor {year}, maar de interventie loopt {runs}",
                        "Controleer het jaar, of pas 'period' aan.",
                    )
    for field, ids in (
        (("themes",), iv.themes),
        (("organisations",), iv.organisations),
        (("context", "areas"), iv.context.areas),
    ):
        yield from _twice(item, ids, field)
    for i, outcome in enumerate(iv.outcomes):
        yield from _twice(item, outcome.via, ("outcomes", i, "via"))
    for i, indicator in enumerate(iv.indicators):
        yield from _twice(item, indicator.measures, ("indicators", i, "measures"))


def _period_order(
    item: Located[BaseModel], period: Period, path: tuple[str | int, ...]
) -> Iterator[Problem]:
    if period.end is not None and period.end < period.start:
        yield _problem(
            item,
            (*path, "end"),
            f"het eindjaar ({period.end}) ligt vóór het beginjaar ({period.start})",
            "Zet het eerste jaar bij start en het laatste jaar bij end.",
        )


def _twice(
    item: Located[BaseModel], ids: list[str], path: tuple[str | int, ...]
) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in seen:
            yield _problem(
                item,
                (*path, i),
                f"'{excerpt(ident)}' staat twee keer in de lijst",
                f"Het staat al op plaats {seen[ident] + 1}. Haal er één weg.",
            )
        seen.setdefault(ident, i)
