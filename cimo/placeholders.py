"""Placeholders `cimo new` leaves for the editor ("NOG INVULLEN", nog-invullen): each one is an
error at its own line until it is filled in, so a half-finished file never reaches the site."""

from __future__ import annotations

from cimo.load import Document, Path_
from cimo.problems import Problem, format_path

PLACEHOLDER = "NOG INVULLEN"
PLACEHOLDER_ID = "nog-invullen"

#: Which catalogue an id field takes its ids from, for the hint.
_CATALOGUE = {
    "mechanism": "mechanisms",
    "via": "mechanisms",
    "outcome": "outcomes",
    "measures": "outcomes",
    "supports": "outcomes",
    "source": "sources",
    "themes": "themes",
    "areas": "areas",
    "organisations": "organisations",
    "owner": "organisations",
    "programme": "programmes",
}


def check_placeholders(document: Document) -> tuple[list[Problem], set[Path_]]:
    """One problem per placeholder still in the file, and the paths they are at."""
    problems, paths = [], set()
    for path, text in document.texts():
        if text.strip().lower() == PLACEHOLDER_ID:
            field = next((p for p in reversed(path) if isinstance(p, str)), "")
            kind = _CATALOGUE.get(field)
            hint = (
                f"Kies een id die bestaat. Welke er zijn, ziet u met: cimo list {kind}"
                if kind
                else "Vul hier de juiste id in."
            )
            message = "hier staat nog 'nog-invullen'"
        elif PLACEHOLDER.lower() in text.lower():
            what = text.split(":", 1)[1].strip() if ":" in text else ""
            message = "deze tekst is nog niet ingevuld" + (f": {what}" if what else "")
            hint = "Vervang de hele tekst tussen de aanhalingstekens door uw eigen tekst."
        else:
            continue
        problems.append(Problem(document.locate(path), format_path(path), message, hint))
        paths.add(path)
    return problems, paths
