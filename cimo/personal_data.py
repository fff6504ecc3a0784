"""Content must never publish people's contact details, even when a source lists them."""

from __future__ import annotations

import re
import unicodedata

from cimo.excerpt import excerpt
from cimo.load import Document
from cimo.problems import Problem, format_path

# E-mail addresses as people really write them, with non-ASCII letters (jürgen@müller.de),
# punycode (info@xn--mller-kva.de) and the usual disguises: naam [at] gemeente [punt] nl,
# naam(at)gemeente(dot)nl, naam @ gemeente . nl. Text is NFKC-normalised first, so a
# fullwidth ＠ counts as @. A match starts only where a local part starts: linear time.
_LOCAL = r"(?<![\w.%+'&-])[\w.%+'&-]+"
_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?i:at|@|apenstaartje)\s*[\])}>]\s*)"
_DOT = r"(?:\.|\s+\.\s+|\s*[\[({<]\s*(?i:dot|punt|\.)\s*[\])}>]\s*)"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_TLD = r"(?:[^\W\d_]{2,63}|(?i:xn--)[\w-]+)(?![\w-])"
EMAIL = re.compile(
    rf"{_LOCAL}{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TLD}"
    # Spelled out in full: naam at gemeente dot nl (only with a spelled-out dot as well).
    rf"|{_LOCAL}\s+(?i:at|apenstaartje)\s+{_LABEL}(?:\s+(?i:dot|punt)\s+{_LABEL})+(?![\w-])"
)

# A phone number is found by its digits: a run of digit groups joined by the separators people
# use (spaces, dashes, dots, slashes, brackets), then checked group by group for a whole number.
_SEPARATOR = r"(?:[ \t\-‐‑‒–—/()]|\.(?=\d))"
_GROUP = r"\+?\d+(?![^\W_])"  # a group glued to a letter (3e, 2x) is not part of a number
PHONE = re.compile(rf"(?<![\w+])\(?{_GROUP}(?:{_SEPARATOR}+{_GROUP})*")
_WEB_ADDRESS = re.compile(r"(?i:https?://|www\.)\S+")
_DUTCH = re.compile(r"0[1-9]\d{8}|0(?:800|900|906|909)\d{4}(?:\d{3})?")
_DATE = re.compile(r"\d{1,2}([-./])\d{1,2}\1(?:19|20)\d\d(?!\d)")


def find_personal_data(text: str) -> list[str]:
    """Every e-mail address and phone number in text."""
    text = unicodedata.normalize("NFKC", text)
    emails = [match.group(0) for match in EMAIL.finditer(text)]
    text = _WEB_ADDRESS.sub(" ", text)  # digits in a web address's path are not a phone number
    return emails + [phone for match in PHONE.finditer(text) for phone in _phones(match.group(0))]


class _Group:
    """One digit group of a run, with the separator text before it."""

    def __init__(self, match: re.Match[str], before: str) -> None:
        self.start, self.end, self.text = match.start(), match.end(), match.group(0)
        # ASCII digits, also for other scripts' digits (NFKC leaves ٠٦ as they are)
        self.digits = "".join(str(unicodedata.decimal(c)) for c in self.text.lstrip("+"))
        # A number continues after a bare dot or dash (1.115.000, 2023-06): no phone starts there.
        self.may_start = before in ("", "(") or bool(re.search(r"[\s/]", before))
        self.thousands = before == "."


def _phones(run: str) -> list[str]:
    """The phone numbers a run of digit groups consists of, or none if it is something else.

    Leading groups that cannot start a number (a year, an amount) are skipped; after that the
    run must be phone numbers to its end, so a date range is never read as a number.
    """
    groups: list[_Group] = []
    for match in re.finditer(r"\+?\d+", run):
        groups.append(_Group(match, run[groups[-1].end if groups else 0 : match.start()]))

    # Positions inside a date such as 10-06-1990 (a day or month never starts a number);
    # dates do not overlap, so this costs one pass over the run.
    dates = {i for m in _DATE.finditer(run) for i in range(m.start(), m.end())}

    # number_end[k]: where the phone number starting at group k ends, if phone numbers
    # starting there reach the end of the run (worked out backwards, each number ≤ 15 digits).
    number_end: list[int | None] = [None] * len(groups) + [len(groups)]
    for index in reversed(range(len(groups))):
        digits = 0
        for end in range(index + 1, len(groups) + 1):
            digits += len(groups[end - 1].digits)
            if digits > 15 or not groups[index].may_start:
                break
            if number_end[end] is not None and _is_phone(run, groups[index:end], dates):
                number_end[index] = end
                break
    for index, group in enumerate(groups):
        if number_end[index] is not None:
            found = []
            while (stop := number_end[index]) is not None and index < len(groups):
                found.append(run[groups[index].start : groups[stop - 1].end])
                index = stop
            return found
        if group.may_start and (group.digits.startswith("0") or group.text.startswith("+")):
            break  # only years and amounts are skipped, never something that may be a number
    return []


def _is_phone(run: str, groups: list[_Group], dates: set[int]) -> bool:
    digits = "".join(g.digits for g in groups)
    first = groups[0]
    plus = first.text.startswith("+")
    if plus or digits.startswith("00"):
        international = digits if plus else digits[2:]
        if international.startswith("31"):  # +31 (0)24 …, 0031 6 …
            return bool(_DUTCH.fullmatch("0" + international[2:].removeprefix("0")))
        amount = len(groups) > 1 and all(g.thousands and len(g.digits) == 3 for g in groups[1:])
        return 8 <= len(international) <= 15 and international[0] != "0" and not amount
    if not first.digits.startswith("0") or first.start in dates:
        return False
    # An area code is written whole (024, 0800) or as 06; a lone 0 or 01 is a day or a month.
    return (len(first.digits) >= 3 or first.digits == "06") and bool(_DUTCH.fullmatch(digits))


def check_personal_data(documents: list[Document]) -> list[Problem]:
    problems = []
    for document in documents:
        for path, text in document.texts():
            for found in find_personal_data(text):
                kind = "een e-mailadres" if "@" in found else "een telefoonnummer"
                problems.append(
                    Problem(
                        document.locate(path),
                        format_path(path),
                        f"hier staat {kind} ('{excerpt(found)}'); contactgegevens van mensen "
                        "worden nooit gepubliceerd",
                        "Haal het weg. Verwijs in plaats daarvan naar de website van de "
                        "organisatie.",
                    )
                )
    return problems
