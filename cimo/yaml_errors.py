"""PyYAML's parser errors told in words a policy writer knows, at the line of the mistake.

PyYAML words its errors for programmers ("mapping values are not allowed in this context") and
some of its marks point at the line after the mistake (an unclosed quote, a line without a
colon). This module looks at the text around the mark and says what is wrong, in Dutch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from cimo.excerpt import excerpt


@dataclass(frozen=True)
class YamlMistake:
    line: int
    column: int
    message: str
    hint: str


_GENERAL_HINT = (
    "Controleer het inspringen (spaties vooraan) en de aanhalingstekens op deze regel "
    "en de regel erboven."
)
_QUOTE_HINT = (
    'Zet de hele tekst tussen aanhalingstekens, bijvoorbeeld: title: "Tekst: met dubbele punt"'
)


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> YamlMistake:
    """The mistake behind a PyYAML error: where it is and what to do, in Dutch."""
    lines = text.splitlines()
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    start = exc.context_mark
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[:column] or "tab" in problem.lower():
        return YamlMistake(
            line,
            column,
            "er staat een tab vooraan de regel",
            "Spring in met spaties, niet met de Tab-toets.",
        )
    unclosed = _unclosed_quote(lines, line)
    if unclosed:
        at_line, at_column, quote = unclosed
        return YamlMistake(
            at_line,
            at_column,
            f"het aanhalingsteken {quote} hier wordt niet gesloten op dezelfde regel",
            f"Zet aan het eind van de tekst ook een {quote}.",
        )
    if "mapping values are not allowed" in problem:
        return _colon(lines, line, column)
    if "quoted scalar" in context and start:
        quote = text.splitlines()[start.line][start.column : start.column + 1] or '"'
        return YamlMistake(
            start.line + 1,
            start.column + 1,
            f"het aanhalingsteken {quote} hier wordt niet gesloten",
            f"Zet aan het eind van de tekst ook een {quote}.",
        )
    if "flow sequence" in context or "flow mapping" in context:
        closing = "]" if "sequence" in context else "}"
        opening = "[" if closing == "]" else "{"
        what = "de lijst" if closing == "]" else "het blok"
        at = mark if start is None or (mark and mark.line == start.line) else start
        assert at is not None
        return YamlMistake(
            at.line + 1,
            at.column + 1,
            f"{what} tussen {opening} en {closing} is niet goed geschreven",
            f"Zet een komma tussen de waarden en sluit af met {closing} op dezelfde regel. "
            "Staat er een dubbele punt of komma in een tekst, zet die tekst dan tussen "
            "aanhalingstekens.",
        )
    if "simple key" in context and start:
        name = lines[start.line].strip() if start.line < len(lines) else ""
        glued = re.match(r"([^\s:#\"'][^:\s]*):(\S.*)", name)
        if glued:
            return YamlMistake(
                start.line + 1,
                start.column + len(glued.group(1)) + 2,
                "na de dubbele punt hoort een spatie",
                f"Schrijf: {glued.group(1)}: {excerpt(glued.group(2), 40)}",
            )
        return YamlMistake(
            start.line + 1,
            start.column + 1,
            f"na '{excerpt(name, 30)}' staat geen dubbele punt",
            "Schrijf een veld als 'naam: waarde'. Hoort deze tekst bij de regel erboven, "
            "zet die tekst dan tussen aanhalingstekens.",
        )
    if "cannot start any token" in problem or "alias" in problem or "anchor" in problem:
        char = here[column - 1 : column] or "?"
        return YamlMistake(
            line,
            column,
            f"een tekst mag niet beginnen met het teken {char}",
            'Zet de tekst tussen aanhalingstekens, bijvoorbeeld: "' + f'{char}tekst".',
        )
    if "expected key" in problem or "<block end>" in problem:
        return _block_mapping(lines, line, column, problem)
    if "'-' indicator" in problem:
        return YamlMistake(
            line,
            _indent(here) + 1,
            "hier staat een veld waar een nieuw lijst-item ('- ') werd verwacht",
            "Springt deze regel te ver in? Een veld van het blok boven de lijst zet u recht "
            "onder de naam van de lijst.",
        )
    if "another document" in problem or "document start" in problem:
        return YamlMistake(
            line,
            column,
            "een bestand bevat één document",
            "Haal de extra regel '---' weg.",
        )
    return YamlMistake(
        line, column, f"de YAML is hier niet te lezen ({excerpt(problem, 60)})", _GENERAL_HINT
    )


_QUOTED_START = re.compile(r"^\s*(?:-\s+)?(?:[^\s:#\"'][^:]*:\s+)?([\"'])")


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int, str] | None:
    """A value that opens a quote and does not close it on its line, before line `upto`.

    YAML lets a quoted text run on over many lines, so such a mistake shows only where the
    next quote happens to be; the writer meant one line (content has no multi-line quotes).
    """
    for number, text in enumerate(lines[: upto - 1] if upto > 1 else lines[:1], start=1):
        match = _QUOTED_START.match(text)
        if not match:
            continue
        quote, rest = match.group(1), text[match.end() :]
        closed = rest.replace(quote * 2, "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in closed:
            return number, match.start(1) + 1, quote
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#\"'][^:]*:(\s|$)")


def _colon(lines: list[str], line: int, column: int) -> YamlMistake:
    """'mapping values are not allowed': a colon in unquoted text, or a line indented too far."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    before = here[: column - 1]
    if _KEY.match(before):
        key, _, value = here.partition(":")
        return YamlMistake(
            line,
            column,
            "er staat een dubbele punt (:) in een tekst zonder aanhalingstekens",
            f'Zet de tekst tussen aanhalingstekens: {key.strip()}: "{excerpt(value.strip(), 30)}"',
        )
    return YamlMistake(
        line,
        _indent(here) + 1,
        "deze regel springt verder in dan de regel erboven",
        "Zet de velden van één blok precies onder elkaar, met evenveel spaties vooraan.",
    )


def _block_mapping(lines: list[str], line: int, column: int, problem: str) -> YamlMistake:
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = _indent(here)
    if here.strip().startswith("-") and column <= indent + 1:
        return YamlMistake(
            line,
            column,
            "hier staat een lijst-item ('- ') waar een veld werd verwacht",
            "Een veld schrijft u als 'naam: waarde'. Hoort dit item bij een lijst, zet dan "
            "de naam van de lijst erboven, bijvoorbeeld 'activities:'.",
        )
    if column > indent + 1:
        quoted = here[: column - 1].rstrip()[-1:] in {'"', "'", "]", "}"}
        return YamlMistake(
            line,
            column,
            "na de waarde staat nog tekst op deze regel"
            if quoted
            else "deze regel is vanaf hier niet te lezen",
            _QUOTE_HINT if quoted else _GENERAL_HINT,
        )
    return YamlMistake(
        line,
        column,
        "deze regel springt niet even ver in als de regels erboven",
        "Zet de velden van één blok precies onder elkaar, met evenveel spaties vooraan.",
    )
