"""How content text appears in a message: short, on one line, with invisible characters shown.

A message may end up in a CI log, so it never repeats more than a short piece of what a file
holds, and it never passes escape codes or line breaks through to the terminal.
"""

from __future__ import annotations

import re

#: Characters no text in the content may hold: C0 controls except tab, line feed and carriage
#: return; DEL and the C1 controls; bidirectional overrides and isolates (they make text read
#: differently from what it holds); surrogates and the noncharacters U+FFFE and U+FFFF.
FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_UNPRINTABLE = re.compile(f"[\t\n\r{FORBIDDEN_CHARACTER.pattern[1:-1]}]")

EXCERPT_LIMIT = 40


def printable(text: str) -> str:
    """Text on one line with every control or invisible formatting character escaped."""
    return _UNPRINTABLE.sub(_escape, text)


def excerpt(value: object, limit: int = EXCERPT_LIMIT) -> str:
    """At most `limit` characters of a value (text as is, anything else as its repr), printable."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return printable(text)


def character_name(char: str) -> str:
    """A character as a policy writer can look it up: U+001B."""
    return f"U+{ord(char):04X}"


_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
