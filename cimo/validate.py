"""Stage 2, validate: documents → typed models, then the checks that span files.

All problems of a run are collected; nothing is raised for bad content.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from cimo import budget
from cimo.content_set import ContentSet, Located
from cimo.excerpt import excerpt
from cimo.kinds import BY_PLURAL, KINDS
from cimo.load import Path_
from cimo.model import Intervention, Programme, SourceRef
from cimo.monitoring import check_reports
from cimo.per_file import CheckedFiles, check_files, validate_documents
from cimo.placeholders import PLACEHOLDER_ID
from cimo.problems import Problem, format_path
from cimo.record_cache import RecordCache
from cimo.sense import check_record_sense

__all__ = ["check_budgets", "check_references", "validate_content", "validate_documents"]


def validate_content(
    content_dir: Path, cache_dir: Path | None = None
) -> tuple[ContentSet, list[Problem]]:
    """Load and validate everything under content_dir. Problems are sorted by location.

    All problems come in one run: files that fail are left out, the files that passed are still
    checked against each other, and references to ids a failed file may hold are not reported
    (they would be follow-on errors that vanish once that file is fixed). With a cache_dir, an
    unchanged file comes from the records cache there (the same result, sooner); the checks
    between files always run on the whole set.
    """
    checked = check_files(content_dir, RecordCache.at(cache_dir))
    content, problems = checked.content, checked.problems
    unsure = _unsure_ids(checked)
    problems += check_references(content, unsure)
    problems += check_record_sense(content)
    if not problems:
        problems += check_reports(content)  # report files (cimo/monitoring.py)
    money = ("budget", "amounts", "declared_totals", "other_budget_rows", "programme")
    if not (unsure.get("interventions") or unsure.get("programmes")) and not any(
        p.path.startswith(money) or "amounts" in p.path for p in problems
    ):
        problems += check_budgets(content)  # otherwise a total is off because of them
    return content, sorted(problems)


#: Per kind, the ids that files which failed may define; ALL when that cannot be known.
ALL = "*"


def _unsure_ids(checked: CheckedFiles) -> dict[str, set[str]]:
    unsure: dict[str, set[str]] = {}
    content, documents = checked.content, checked.documents
    valid = {located.document.file for kind in KINDS for located in content.catalogue(kind.plural)}
    for file, kind_name in checked.unread:
        kind = BY_PLURAL[kind_name]
        unsure.setdefault(kind.plural, set()).add(file.stem if kind.one_per_file else ALL)
    for document in documents:
        if document.file in valid:
            continue
        kind = BY_PLURAL[document.kind]
        ids = unsure.setdefault(kind.plural, set())
        data = document.data if isinstance(document.data, dict) else {}
        if kind.one_per_file:
            ids.update({PurePosixPath(document.file).stem, str(data.get("id"))})
        else:
            entries = data.get(kind.plural)
            if not isinstance(entries, list):
                ids.add(ALL)
                continue
            ids.update(str(e.get("id")) for e in entries if isinstance(e, dict))
    return unsure


def _close(value: str, candidates: list[str], cutoff: float = 0.6) -> list[str]:
    return difflib.get_close_matches(value, candidates, n=3, cutoff=cutoff)


class _Index:
    """Ids per kind, with where each was defined, for lookups and 'did you mean' hints."""

    def __init__(self, content: ContentSet, unsure: dict[str, set[str]] | None = None):
        self.defined: dict[str, dict[str, Located[BaseModel]]] = {}
        self.unsure = unsure or {}
        self.duplicates: list[Problem] = []
        for kind in KINDS:
            seen: dict[str, Located[BaseModel]] = {}
            for entry in content.catalogue(kind.plural):
                entry_id = entry.model.id  # type: ignore[attr-defined]
                if entry_id in seen:
                    first = seen[entry_id].locate("id")
                    self.duplicates.append(
                        Problem(
                            entry.locate("id"),
                            format_path(entry.field_path("id")),
                            f"de id '{excerpt(entry_id)}' bestaat al bij {kind.plural}",
                            f"Die staat al in {first}. Een id mag maar één keer voorkomen.",
                        )
                    )
                else:
                    seen[entry_id] = entry
            self.defined[kind.plural] = seen

    def knows(self, kind: str, value: str) -> bool:
        """Defined, or possibly defined by a file that failed (then no error is reported)."""
        unsure = self.unsure.get(kind, set())
        return (
            value in self.defined[kind]
            or value in unsure
            or ALL in unsure
            or value == PLACEHOLDER_ID  # reported where it stands
        )

    def check(
        self,
        kind: str,
        value: str,
        where: Located[BaseModel],
        *path: str | int,
        prefer: list[str] | None = None,
    ) -> Iterator[Problem]:
        if self.knows(kind, value):
            return
        known = self.defined[kind]
        close = _close(value, prefer or []) or _close(value, list(known))
        record = BY_PLURAL[kind]
        if close:
            hint = (
                "Bedoelt u "
                + " of ".join(
                    f"'{c}' (staat in {known[c].locate('id')})" if c in known else f"'{c}'"
                    for c in close
                )
                + "?"
            )
        else:
            hint = (
                f"Gebruik een id die bestaat (zie: cimo list {kind}), of voeg een "
                f"{record.label} toe in content/{kind}/."
            )
        yield Problem(
            where.locate(*path),
            format_path(where.field_path(*path)),
            f"{record.label} '{excerpt(value)}' bestaat niet",
            hint,
        )


def _area_loops(content: ContentSet) -> Iterator[Problem]:
    """Areas that lie in themselves through `part_of` (a in b, b in a): once per loop."""
    parent = {item.model.id: item.model.part_of for item in content.areas}
    reported: set[str] = set()
    for item in content.areas:
        chain = [item.model.id]
        while (up := parent.get(chain[-1])) and up not in chain:
            chain.append(up)
        if up != item.model.id or reported & set(chain):
            continue
        reported |= set(chain)
        names = " → ".join(chain + [item.model.id])
        yield Problem(
            item.locate("part_of"),
            format_path(item.field_path("part_of")),
            f"gebied '{excerpt(item.model.id)}' ligt in zichzelf: {excerpt(names)}",
            "Een gebied kan niet in een gebied liggen dat er zelf in ligt. "
            "Haal bij één van deze gebieden 'part_of:' weg of kies een groter gebied.",
        )


def check_references(
    content: ContentSet,
    unsure: dict[str, set[str]] | None = None,
    interventions: set[str] | None = None,
) -> list[Problem]:
    """Every reference to an id that does not exist, and every id defined twice.

    With `interventions`, only the references of those interventions are checked (ids defined
    twice still everywhere): enough after a check of the same content without a problem, when
    only those interventions changed since, as nothing refers to an intervention."""
    index = _Index(content, unsure)
    problems = list(index.duplicates)
    for item in content.interventions:
        if interventions is None or item.model.id in interventions:
            problems += _intervention_references(item, index)
    if interventions is not None:
        for item in content.interventions:
            if item.model.id in interventions:
                for path, ref in _source_refs(item.model, ()):
                    problems += index.check("sources", ref.source, item, *path, "source")
        return problems
    for programme in content.programmes:
        problems += _programme_references(programme, index)
    for area in content.areas:
        problems += index.check("organisations", area.model.municipality, area, "municipality")
        if area.model.part_of:
            problems += index.check("areas", area.model.part_of, area, "part_of")
    problems += _area_loops(content)
    for kind in KINDS:
        for entry in content.catalogue(kind.plural):
            for path, ref in _source_refs(entry.model, ()):
                problems += index.check("sources", ref.source, entry, *path, "source")
    return problems


def _source_refs(model: BaseModel, path: Path_) -> Iterator[tuple[Path_, SourceRef]]:
    """Every SourceRef inside a model, with its field path."""
    if isinstance(model, SourceRef):
        yield path, model
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            if isinstance(item, BaseModel):
                yield from _source_refs(item, (*path, name) if i is None else (*path, name, i))


def _intervention_references(item: Located[Intervention], index: _Index) -> Iterator[Problem]:
    iv = item.model
    yield from index.check("organisations", iv.owner, item, "owner")
    if iv.municipality:
        yield from index.check("organisations", iv.municipality, item, "municipality")
    for i, org in enumerate(iv.organisations):
        yield from index.check("organisations", org, item, "organisations", i)
    for i, area in enumerate(iv.context.areas):
        yield from index.check("areas", area, item, "context", "areas", i)
    for i, theme in enumerate(iv.themes):
        yield from index.check("themes", theme, item, "themes", i)
    yield from _programme_membership(item, index)
    listed: dict[str, int] = {}
    for i, use in enumerate(iv.mechanisms):
        yield from index.check("mechanisms", use.mechanism, item, "mechanisms", i, "mechanism")
        if use.mechanism in listed:
            yield Problem(
                item.locate("mechanisms", i, "mechanism"),
                format_path(item.field_path("mechanisms", i, "mechanism")),
                f"mechanisme '{excerpt(use.mechanism)}' staat twee keer in de lijst",
                f"Het staat al bij mechanisms[{listed[use.mechanism]}]. Haal er één weg.",
            )
        listed.setdefault(use.mechanism, i)
    yield from _uses_listed(
        item,
        index,
        "mechanisms",
        listed,
        [
            (("outcomes", i, "via", j), m)
            for i, o in enumerate(iv.outcomes)
            for j, m in enumerate(o.via)
        ],
    )
    outcomes: dict[str, int] = {}
    for i, outcome_use in enumerate(iv.outcomes):
        yield from index.check("outcomes", outcome_use.outcome, item, "outcomes", i, "outcome")
        outcomes.setdefault(outcome_use.outcome, i)
    yield from _indicator_ids(item)
    yield from _uses_listed(
        item,
        index,
        "outcomes",
        outcomes,
        [
            (("indicators", i, "measures", j), o)
            for i, ind in enumerate(iv.indicators)
            for j, o in enumerate(ind.measures)
        ],
    )
    for i, evidence in enumerate(iv.evidence):
        for j, outcome in enumerate(evidence.supports):
            yield from index.check("outcomes", outcome, item, "evidence", i, "supports", j)


def _uses_listed(
    item: Located[Intervention],
    index: _Index,
    kind: str,
    listed: dict[str, int],
    uses: list[tuple[Path_, str]],
) -> Iterator[Problem]:
    """`via` names mechanisms listed under `mechanisms:`, `measures` outcomes under `outcomes:`.

    One mistake gives one message: a use of an id already reported as unknown is not reported
    again, nor a use that differs from such a typo by a letter or two (it is the typo's other
    half); only ids that exist are offered as choices.
    """
    typos = [m for m in listed if not index.knows(kind, m)]
    choices = sorted(m for m in listed if m not in typos)
    label = BY_PLURAL[kind].label
    for path, used in uses:
        if used in listed or (used in typos):
            continue
        if not index.knows(kind, used):
            yield from index.check(kind, used, item, *path, prefer=choices)
        elif not _close(used, typos):
            yield Problem(
                item.locate(*path),
                format_path(item.field_path(*path)),
                f"{label} '{excerpt(used)}' staat niet onder '{kind}' van deze interventie",
                f"Zet het onder '{kind}:' (met hoe het hier werkt), of kies uit: "
                + (", ".join(choices) or "(er staat nog niets onder)"),
            )


def _indicator_ids(item: Located[Intervention]) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, indicator in enumerate(item.model.indicators):
        if indicator.id in seen:
            yield Problem(
                item.locate("indicators", i, "id"),
                format_path(item.field_path("indicators", i, "id")),
                f"de indicator-id '{excerpt(indicator.id)}' staat twee keer in dit bestand",
                f"Het staat al bij indicators[{seen[indicator.id]}]. Geef elke indicator een "
                "eigen id.",
            )
        seen.setdefault(indicator.id, i)


def _programme_membership(item: Located[Intervention], index: _Index) -> Iterator[Problem]:
    iv = item.model
    if iv.related_programme:
        yield from index.check("programmes", iv.related_programme, item, "related_programme")
        if iv.programme:
            yield Problem(
                item.locate("related_programme"),
                "related_programme",
                "een interventie hoort bij een programma of heeft ermee te maken, niet allebei",
                "Haal 'programme:' of 'related_programme:' weg.",
            )
    if iv.programme is None:
        if iv.programme_line:
            yield Problem(
                item.locate("programme_line"),
                "programme_line",
                "een programmalijn hoort bij een programma",
                "Voeg 'programme:' toe, of haal deze regel weg.",
            )
        return
    problems = list(index.check("programmes", iv.programme, item, "programme"))
    yield from problems
    if problems or iv.programme not in index.defined["programmes"]:
        return
    programme: Programme = index.defined["programmes"][iv.programme].model  # type: ignore[assignment]
    lines = [line.id for line in programme.lines]
    if iv.programme_line and iv.programme_line not in lines:
        close = difflib.get_close_matches(iv.programme_line, lines, n=3, cutoff=0.5)
        yield Problem(
            item.locate("programme_line"),
            "programme_line",
            f"programma '{programme.id}' heeft geen lijn '{excerpt(iv.programme_line)}'",
            "Kies uit: " + ", ".join(close or lines),
        )
    if iv.budget:
        own = iv.period
        amounts = {  # years outside the intervention's own period are reported by sense.py
            year: amount
            for year, amount in iv.budget.amounts.items()
            if own is None or (own.start <= year and (own.end is None or year <= own.end))
        }
        yield from _years_in_period(item, programme, amounts, ("budget", "amounts"))


def _years_in_period(
    item: Located[BaseModel], programme: Programme, amounts: dict[int, int], path: Path_
) -> Iterator[Problem]:
    start, end = programme.period.start, programme.period.end or 2100
    runs = f"{start}-{programme.period.end}" if programme.period.end else f"vanaf {start}"
    for year in amounts:
        if not start <= year <= end:
            yield Problem(
                item.locate(*path, year),
                format_path(item.field_path(*path, year)),
                f"het jaar {year} valt buiten de looptijd van het programma ({runs})",
                f"Programma '{programme.id}' loopt {runs}. Controleer het jaar.",
            )


def _programme_references(item: Located[Programme], index: _Index) -> Iterator[Problem]:
    programme = item.model
    yield from index.check("organisations", programme.owner, item, "owner")
    for i, area in enumerate(programme.focus_areas):
        yield from index.check("areas", area, item, "focus_areas", i)
    for i, activity in enumerate(programme.existing_activities):
        for j, org in enumerate(activity.organisations):
            yield from index.check(
                "organisations", org, item, "existing_activities", i, "organisations", j
            )
    if programme.chain:
        for i, mechanism in enumerate(programme.chain.mechanisms):
            yield from index.check("mechanisms", mechanism, item, "chain", "mechanisms", i)
        for i, outcome in enumerate(programme.chain.outcomes):
            yield from index.check("outcomes", outcome, item, "chain", "outcomes", i)
    rows = [row.id for row in programme.other_budget_rows]
    for i, disagreement in enumerate(programme.disagreements):
        if disagreement.budget_row and disagreement.budget_row not in rows:
            yield Problem(
                item.locate("disagreements", i, "budget_row"),
                format_path(item.field_path("disagreements", i, "budget_row")),
                f"this programme has no budget row '{excerpt(disagreement.budget_row)}'",
                "use one of: " + (", ".join(rows) or "(no other_budget_rows)"),
            )
    for i, row in enumerate(programme.other_budget_rows):
        yield from _years_in_period(
            item, programme, row.amounts, ("other_budget_rows", i, "amounts")
        )
    yield from _years_in_period(item, programme, programme.declared_totals, ("declared_totals",))


def _euro(amount: int) -> str:
    return f"€ {amount:,}".replace(",", ".")


def check_budgets(content: ContentSet) -> list[Problem]:
    """A programme's declared totals must equal the sum of its budget rows, year by year."""
    problems = []
    members_of: dict[str, list[Intervention]] = {}
    for intervention in content.interventions:
        if intervention.model.programme is not None:
            members_of.setdefault(intervention.model.programme, []).append(intervention.model)
    for item in content.programmes:
        members = members_of.get(item.model.id, [])
        for year, want, have in budget.programme_budget(item.model, members).mismatches():
            declared = year in item.model.declared_totals
            path: Path_ = ("declared_totals", year) if declared else ("declared_totals",)
            problems.append(
                Problem(
                    item.locate(*path),
                    format_path(path),
                    f"het totaal voor {year} is {_euro(want)}, maar de begrotingen tellen op "
                    f"tot {_euro(have)} (verschil {_euro(have - want)})",
                    "Controleer voor dat jaar de budget.amounts van de interventies van dit "
                    "programma en de other_budget_rows.",
                )
            )
    return problems
