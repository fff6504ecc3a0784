"""Numbers written the Dutch way, caught at their own line before they become a wrong value.

Dutch writes thousands with dots (1.140, 250.000) and decimals with a comma (1,5). YAML reads
`1.140` as 1.14 and `250.000` as 250 without a word, and `1.645.000` or `1,5` as text. The
loader keeps the source text of every plain value that looks like a number; this module checks
it against what the field expects (read from the model), and says what to write instead.

The rule (also in docs/REDACTIEGIDS.md): in a number field write digits only, with a point for
decimals (1140, 250000, 1.5). A point followed by exactly three digits is refused, because it is
a Dutch thousands separator as often as a decimal point. Text in a field that takes text or a
number (an indicator's target) stays text when it holds words ("minimaal 12") or quotes.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel

from cimo.excerpt import excerpt
from cimo.load import Document, Path_
from cimo.problems import Problem, format_path

_DOT_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+")
_COMMA_DECIMAL = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})*,\d+|[-+]?\d+,\d+")
_SPACE_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+")
_UNDERSCORES = re.compile(r"[-+]?\d+(?:_\d+)+")
_DIGITS = re.compile(r"[-+]?\d+(?:\.\d+)?")
_EURO = re.compile(r"(?:€|EUR|euro)\s*(.+?)(?:,-{1,2})?", re.IGNORECASE)


def number_fix(text: str) -> str | None:
    """How to write `text` as a number the computer reads as meant, or None if it is no number.

    '1.140' → '1140', '1,5' → '1.5', '€ 250.000' → '250000', '1 140' → '1140', '1_000' → '1000'.
    """
    text = text.strip()
    euro = _EURO.fullmatch(text)
    if euro:
        text = euro.group(1).strip()
    if _DOT_THOUSANDS.fullmatch(text):
        return text.replace(".", "")
    if _COMMA_DECIMAL.fullmatch(text):
        return text.replace(".", "").replace(",", ".")
    if _SPACE_THOUSANDS.fullmatch(text):
        return re.sub(r"\s", "", text)
    if _UNDERSCORES.fullmatch(text):
        return text.replace("_", "")
    if euro and _DIGITS.fullmatch(text):
        return text
    return None


# -- what a field expects, read from the model ------------------------------------------------


def _accepts(annotation: Any) -> set[type]:
    """The scalar types a field takes: a subset of {int, float, str, bool}."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _accepts(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found: set[type] = set()
        for arg in typing.get_args(annotation):
            found |= _accepts(arg)
        return found
    if origin is typing.Literal:
        return {str}
    if annotation in (int, float, str, bool):
        return {annotation}
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return {str}
    return set()


def _inner(annotation: Any, part: str | int) -> Any:
    """The annotation of `part` inside a value of type `annotation` (None when unknown)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner(typing.get_args(annotation)[0], part)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner(arg, part)
            if found is not None:
                return found
        return None
    if origin is list and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        info = annotation.model_fields.get(part)
        return info.annotation if info else None
    return None


def _leaves(value: Any, annotation: Any, path: Path_) -> Iterator[tuple[Path_, Any, set[type]]]:
    if annotation is None:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, _inner(annotation, key), (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, _inner(annotation, index), (*path, index))
    else:
        yield path, value, _accepts(annotation)


def check_values(document: Document, model: type[BaseModel]) -> tuple[list[Problem], set[Path_]]:
    """Numbers written the Dutch way and yes/no written as words, with the paths they are at
    (validation leaves out its own messages for those paths: one clear message each)."""
    problems: list[Problem] = []
    paths: set[Path_] = set()
    for path, value, accepts in _leaves(document.data, model, ()):
        found = _mistake(value, document.plain.get(path), accepts)
        if found:
            message, hint = found
            problems.append(Problem(document.locate(path), format_path(path), message, hint))
            paths.add(path)
    return problems, paths


def _mistake(value: Any, source: str | None, accepts: set[type]) -> tuple[str, str] | None:
    if value is None or not accepts:
        return None
    if accepts == {bool}:
        if isinstance(value, bool):
            return None
        return (
            f"'{excerpt(value)}' is geen ja/nee-waarde",
            "Schrijf true (ja) of false (nee), zonder aanhalingstekens.",
        )
    if not accepts & {int, float}:
        return None
    whole_only = float not in accepts and str not in accepts
    if source is not None and _DOT_THOUSANDS.fullmatch(source):
        fix = source.replace(".", "")
        read = f"{value:g}".replace(".", ",") if isinstance(value, float) else "tekst"
        return (
            f"'{source}' heeft een punt tussen de duizendtallen; het wordt gelezen als {read}",
            f"Schrijf {fix}, zonder punt. Een punt in een getal staat alleen voor decimalen.",
        )
    if isinstance(value, str) and (source is not None or str not in accepts):
        fixed = number_fix(value)
        if fixed is not None and (source is not None or whole_only):
            if whole_only and "." in fixed:
                return (
                    f"'{excerpt(value)}' is geen heel getal",
                    "Schrijf een heel getal: alleen cijfers, zonder punt of komma.",
                )
            return (
                f"'{excerpt(value)}' is geen getal zoals het hier moet",
                f"Schrijf {fixed}: alleen cijfers, met een punt voor decimalen. Bedoelt u "
                "tekst, zet die dan tussen aanhalingstekens."
                if str in accepts
                else f"Schrijf {fixed}: alleen cijfers, zonder punt, € of spaties.",
            )
    return None
