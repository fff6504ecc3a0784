"""The banner every preview page shows while the last save was rejected (Dutch, B1).

Everything from content and file names is escaped here: the banner is sent as HTML."""

from __future__ import annotations

from html import escape

from cimo.problems import Problem

SHOWN = 3  # problems named in the banner; the terminal lists them all


def problem_items(problems: list[Problem]) -> list[str]:
    """One list item per problem: file, line and what is wrong (already escaped)."""
    items = []
    for problem in problems[:SHOWN]:
        where = f"<code>{escape(problem.location.file)}</code>, regel {problem.location.line}"
        field = f" (<code>{escape(problem.path)}</code>)" if problem.path else ""
        text = f"{where}{field}: {escape(problem.message)}"
        if problem.hint:
            text += f"<br>Tip: {escape(problem.hint)}"
        items.append(text)
    return items


def failure_items(message: str) -> list[str]:
    return [escape(message)]


def banner_html(items: list[str], total: int) -> str:
    """The banner's inner HTML; the items are escaped already."""
    if not items:
        return ""
    lead = "Er is 1 probleem." if total == 1 else f"Er zijn {total} problemen."
    parts = [
        "<p><strong>Uw laatste wijziging staat nog niet in de preview.</strong> "
        f"{lead} U ziet nu de laatste goede versie. "
        "Herstel het probleem en sla het bestand opnieuw op.</p>",
        "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>",
    ]
    more = total - len(items)
    if more > 0:
        rest = "1 ander probleem" if more == 1 else f"{more} andere problemen"
        parts.append(f"<p>En nog {rest}. Alle problemen staan in het venster van cimo serve.</p>")
    return "".join(parts)
