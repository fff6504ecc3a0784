"""Stage 2, validate: documents → typed models, then the checks that span files.

All problems of a run are collected; nothing is raised for bad content.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ValidationError

from cimo import budget
from cimo.content_set import ContentSet, Located
from cimo.excerpt import excerpt
from cimo.kinds import BY_PLURAL, KINDS
from cimo.load import Document, Path_, load_content
from cimo.model import Intervention, Programme, SourceRef
from cimo.personal_data import check_personal_data
from cimo.problems import Problem, format_path
from cimo.schema_errors import problems_from_validation


def validate_content(content_dir: Path) -> tuple[ContentSet, list[Problem]]:
    """Load and validate everything under content_dir. Problems are sorted by location."""
    documents, problems = load_content(content_dir)
    content, model_problems = validate_documents(documents)
    problems += model_problems
    problems += check_personal_data(documents)
    # Cross-file checks on a partial set of files would only report follow-on errors.
    if not problems:
        problems += check_references(content)
    if not problems:
        problems += check_budgets(content)
    return content, sorted(problems)


def validate_documents(documents: list[Document]) -> tuple[ContentSet, list[Problem]]:
    content, problems = ContentSet(), []
    for document in documents:
        kind = BY_PLURAL[document.kind]
        try:
            parsed = kind.document_model.model_validate(document.data)
        except ValidationError as error:
            problems += problems_from_validation(error, document, kind.document_model)
            continue
        target = content.catalogue(kind.plural)
        if kind.one_per_file:
            problems += _filed_where_expected(document, parsed)
            target.append(Located(parsed, document))
        else:
            entries = getattr(parsed, kind.plural)
            target += [Located(e, document, (kind.plural, i)) for i, e in enumerate(entries)]
    return content, problems


def _filed_where_expected(document: Document, record: BaseModel) -> list[Problem]:
    """A one-record file is named after its id; an intervention sits in its owner's folder."""
    record_id: str = record.id  # type: ignore[attr-defined]
    file = PurePosixPath(document.file)
    problems = []
    if file.stem != record_id:
        problems.append(
            Problem(
                document.locate(("id",)),
                "id",
                f"the id '{excerpt(record_id)}' differs from the file name '{excerpt(file.name)}'",
                "rename the file to the id followed by .yaml, or change the id",
            )
        )
    owner = getattr(record, "owner", None)
    if isinstance(record, Intervention) and file.parent.name != owner:
        problems.append(
            Problem(
                document.locate(("owner",)),
                "owner",
                f"the owner '{excerpt(owner)}' differs from the folder "
                f"'{excerpt(file.parent.name)}'",
                "move the file to the folder named after the owner, or change the owner",
            )
        )
    return problems


class _Index:
    """Ids per kind, with where each was defined, for lookups and 'did you mean' hints."""

    def __init__(self, content: ContentSet):
        self.defined: dict[str, dict[str, Located[BaseModel]]] = {}
        self.duplicates: list[Problem] = []
        for kind in (k.plural for k in KINDS):
            seen: dict[str, Located[BaseModel]] = {}
            for entry in content.catalogue(kind):
                entry_id = entry.model.id  # type: ignore[attr-defined]
                if entry_id in seen:
                    first = seen[entry_id].locate("id")
                    self.duplicates.append(
                        Problem(
                            entry.locate("id"),
                            format_path(entry.field_path("id")),
                            f"duplicate id '{excerpt(entry_id)}' in {kind}",
                            f"already defined at {first}",
                        )
                    )
                else:
                    seen[entry_id] = entry
            self.defined[kind] = seen

    def check(
        self, kind: str, value: str, where: Located[BaseModel], *path: str | int
    ) -> Iterator[Problem]:
        known = self.defined[kind]
        if value in known:
            return
        close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
        if close:
            hint = (
                "did you mean "
                + " or ".join(f"'{c}' (defined in {known[c].locate('id')})" for c in close)
                + "?"
            )
        else:
            hint = f"add it to content/{kind}/ or use an existing id"
        singular = kind.removesuffix("s")
        yield Problem(
            where.locate(*path),
            format_path(where.field_path(*path)),
            f"unknown {singular} '{excerpt(value)}'",
            hint,
        )


def check_references(content: ContentSet) -> list[Problem]:
    index = _Index(content)
    problems = list(index.duplicates)
    for item in content.interventions:
        problems += _intervention_references(item, index)
    for programme in content.programmes:
        problems += _programme_references(programme, index)
    for area in content.areas:
        problems += index.check("organisations", area.model.municipality, area, "municipality")
        if area.model.part_of:
            problems += index.check("areas", area.model.part_of, area, "part_of")
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
                f"mechanism '{excerpt(use.mechanism)}' is listed twice",
                f"it is already mechanisms[{listed[use.mechanism]}]",
            )
        listed.setdefault(use.mechanism, i)
    outcome_ids = {use.outcome for use in iv.outcomes}
    known = index.defined["mechanisms"]  # a mistyped id is never offered as a choice
    for i, outcome_use in enumerate(iv.outcomes):
        yield from index.check("outcomes", outcome_use.outcome, item, "outcomes", i, "outcome")
        for j, mechanism in enumerate(outcome_use.via):
            if mechanism not in listed:
                yield Problem(
                    item.locate("outcomes", i, "via", j),
                    format_path(item.field_path("outcomes", i, "via", j)),
                    f"mechanism '{excerpt(mechanism)}' is not listed under this intervention's "
                    "mechanisms",
                    "add it under 'mechanisms:' with how it works here, or use one of: "
                    + ", ".join(sorted(m for m in listed if m in known) or ["(none listed)"]),
                )
    yield from _indicator_references(item, outcome_ids, index)
    for i, evidence in enumerate(iv.evidence):
        for j, outcome in enumerate(evidence.supports):
            yield from index.check("outcomes", outcome, item, "evidence", i, "supports", j)


def _indicator_references(
    item: Located[Intervention], outcome_ids: set[str], index: _Index
) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, indicator in enumerate(item.model.indicators):
        if indicator.id in seen:
            yield Problem(
                item.locate("indicators", i, "id"),
                format_path(item.field_path("indicators", i, "id")),
                f"duplicate indicator id '{excerpt(indicator.id)}'",
                "give each indicator its own id",
            )
        seen.add(indicator.id)
        for j, outcome in enumerate(indicator.measures):
            known = list(index.check("outcomes", outcome, item, "indicators", i, "measures", j))
            yield from known
            if not known and outcome not in outcome_ids:
                yield Problem(
                    item.locate("indicators", i, "measures", j),
                    format_path(item.field_path("indicators", i, "measures", j)),
                    f"outcome '{excerpt(outcome)}' is not listed under this intervention's "
                    "outcomes",
                    "add it under 'outcomes:' or remove it here",
                )


def _programme_membership(item: Located[Intervention], index: _Index) -> Iterator[Problem]:
    iv = item.model
    if iv.related_programme:
        yield from index.check("programmes", iv.related_programme, item, "related_programme")
        if iv.programme:
            yield Problem(
                item.locate("related_programme"),
                "related_programme",
                "an intervention is part of a programme or related to it, not both",
                "remove 'programme:' or 'related_programme:'",
            )
    if iv.programme is None:
        if iv.programme_line:
            yield Problem(
                item.locate("programme_line"),
                "programme_line",
                "a programme line needs a programme",
                "add 'programme:' or remove this",
            )
        return
    problems = list(index.check("programmes", iv.programme, item, "programme"))
    yield from problems
    if problems:
        return
    programme: Programme = index.defined["programmes"][iv.programme].model  # type: ignore[assignment]
    lines = [line.id for line in programme.lines]
    if iv.programme_line and iv.programme_line not in lines:
        close = difflib.get_close_matches(iv.programme_line, lines, n=3, cutoff=0.5)
        yield Problem(
            item.locate("programme_line"),
            "programme_line",
            f"programme '{programme.id}' has no line '{excerpt(iv.programme_line)}'",
            "use one of: " + ", ".join(close or lines),
        )
    if iv.budget:
        yield from _years_in_period(item, programme, iv.budget.amounts, ("budget", "amounts"))


def _years_in_period(
    item: Located[BaseModel], programme: Programme, amounts: dict[int, int], path: Path_
) -> Iterator[Problem]:
    start, end = programme.period.start, programme.period.end or 2100
    for year in amounts:
        if not start <= year <= end:
            yield Problem(
                item.locate(*path, year),
                format_path(item.field_path(*path, year)),
                f"budget year {year} is outside the programme's period "
                f"{start}-{programme.period.end or ''}",
                f"programme '{programme.id}' runs {start}-{programme.period.end or ''}",
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


def check_budgets(content: ContentSet) -> list[Problem]:
    """A programme's declared totals must equal the sum of its budget rows, year by year."""
    problems = []
    for item in content.programmes:
        members = [i.model for i in content.interventions if i.model.programme == item.model.id]
        for year, want, have in budget.programme_budget(item.model, members).mismatches():
            declared = year in item.model.declared_totals
            path: Path_ = ("declared_totals", year) if declared else ("declared_totals",)
            problems.append(
                Problem(
                    item.locate(*path),
                    format_path(path),
                    f"declared total for {year} is € {want:,} but the budgets add up to "
                    f"€ {have:,} (difference € {have - want:,})".replace(",", "."),
                    "check the budget.amounts of this programme's interventions and its "
                    "other_budget_rows for that year",
                )
            )
    return problems
