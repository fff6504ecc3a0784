"""Text for pages: escaping content into Markdown, and Dutch display values.

Content is data, never markup: every string from content goes through `md` (or `md_inline`),
which escapes HTML and every character Python-Markdown gives a meaning to.
"""

from __future__ import annotations

import functools
import html
import re

# Characters Python-Markdown gives a meaning anywhere in a line (emphasis, code, links,
# attribute lists, table cells, closing hashes of a heading). A backslash makes them literal.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]|#])")
# Constructs that only count at the start of a line (or of a list item): headings, lists, quotes,
# admonitions (!!!), collapsible boxes (??? and ???+), fenced code (``` and ~~~), setext
# underlines (===). `?`, `~` and `=` cannot be backslash-escaped, so they become entities.
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([+\-!])|^([?~=])")
# C0 and C1 control characters and DEL never reach a page (Python-Markdown even uses \x02 and
# \x03 for its own placeholders). Tab, newline and the like are whitespace and collapse to a space;
# a lone surrogate cannot be written as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def printable(text: object) -> str:
    """Content without control characters, whatever got past validation."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", str(text)))


def _line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}\\{match.group(2)}"
    if match.group(3):
        return f"\\{match.group(3)}"
    return f"&#{ord(match.group(4))};"


def md_inline(text: object) -> str:
    """One line of content as literal Markdown text: no markup, links or HTML survive."""
    return _md_inline(text if type(text) is str else str(text))


# The same names and titles are printed on many pages: each is escaped once per process.
@functools.lru_cache(maxsize=1 << 16)
def _md_inline(text: str) -> str:
    value = plain(text)
    value = html.escape(value, quote=False)
    value = _MD_INLINE.sub(r"\\\1", value)
    return _MD_LINE_START.sub(_line_start, value)


def md(text: object) -> str:
    """A block of content: paragraphs (blank-line separated) kept, each escaped as inline text."""
    value = printable(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "\n\n".join(md_inline(p) for p in paragraphs)


def plain(text: object) -> str:
    """Content as plain text on one line (for diagram labels, CSV, attribute values)."""
    return _plain(text if type(text) is str else str(text))


@functools.lru_cache(maxsize=1 << 16)
def _plain(text: str) -> str:
    return " ".join(printable(text).split())


def attribute(text: object) -> str:
    """Content safe inside a quoted HTML attribute."""
    return html.escape(plain(text), quote=True)


def and_list(items: list[str]) -> str:
    """Dutch enumeration: 'a', 'a en b', 'a, b en c'."""
    return " en ".join([", ".join(items[:-1]), items[-1]] if len(items) > 2 else items)


def euro(amount: int | None) -> str:
    """Dutch notation: € 1.115.000 (an empty cell for no amount)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}€ {abs(amount):,}".replace(",", ".")


def seconds(value: float) -> str:
    """A duration for people, in Dutch: '8,1 seconden'."""
    return f"{value:.1f}".replace(".", ",") + " seconden"


def number(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return str(value)


PROVENANCE_LABEL = {
    "stated": "Staat in de bron",
    "inferred": "Afgeleid door de redactie",
}
STATUS_LABEL = {
    "planned": "Gepland",
    "running": "Loopt",
    "completed": "Afgerond",
    "unknown": "Onbekend",
}
INDICATOR_KIND_LABEL = {"output": "Prestatie (output)", "outcome": "Effect (outcome)"}
EVIDENCE_KIND_LABEL = {
    "study": "Onderzoek",
    "impact-measurement": "Impactmeting",
    "evaluation": "Evaluatie",
    "monitor": "Monitor",
    "other": "Overig",
}
SCHOOL_LEVEL_LABEL = {
    "vve": "voor- en vroegschoolse educatie (vve)",
    "po": "basisschool (po)",
    "so": "speciaal onderwijs (so)",
    "vo": "middelbare school (vo)",
    "vso": "voortgezet speciaal onderwijs (vso)",
    "pro": "praktijkonderwijs",
    "vmbo": "vmbo",
    "havo": "havo",
    "vwo": "vwo",
    "mbo": "mbo",
    "hbo": "hbo",
    "wo": "universiteit (wo)",
}
AREA_KIND_LABEL = {
    "wijk": "Wijk",
    "stadsdeel": "Stadsdeel",
    "gemeente": "Gemeente",
    "regio": "Regio",
}
