"""Content must never publish people's contact details, even when a source lists them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cimo.excerpt import excerpt
from cimo.load import Document, Path_
from cimo.problems import Problem, format_path

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Dutch numbers (06-12345678, 024 329 9999, +31 6 1234 5678) and other international ones.
PHONE = re.compile(
    r"(?<![\d.,])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?|0)[1-9](?:[\s-]?\d){8}(?!\d|[.,]\d)"
    r"|(?<![\w.,])\+\d{1,3}(?:[\s-]?\d){7,12}(?!\d|[.,]\d)"
    r"|\bT:\s?0[\d ]{9,}"
)


def find_personal_data(text: str) -> list[str]:
    """Every e-mail address and phone number in text."""
    return [match.group(0) for pattern in (EMAIL, PHONE) for match in pattern.finditer(text)]


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def check_personal_data(documents: list[Document]) -> list[Problem]:
    problems = []
    for document in documents:
        for path, text in _strings(document.data, ()):
            for found in find_personal_data(text):
                kind = "an e-mail address" if "@" in found else "a phone number"
                problems.append(
                    Problem(
                        document.locate(path),
                        format_path(path),
                        f"contains {kind} ('{excerpt(found)}'); "
                        "people's contact details are never published",
                        "remove it; link to the organisation's public website instead",
                    )
                )
    return problems
