"""No e-mail address or phone number may be published: the check, and the real content."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cimo.load import Document, load_content
from cimo.personal_data import check_personal_data, find_personal_data
from generator.text import euro
from tests.conftest import REPO


@pytest.mark.parametrize(
    "text",
    [
        "mail j.jansen@rotterdam.nl",
        "b.warner@oog.nl",
        "jürgen@müller.de",
        "anne-marie@gemeente.nl",
        "info@xn--mller-kva.de",
        "info@gemeente.xn--p1ai",
        "ΑΘΗΝΑ@δήμος.ελ",
        "o'brien@school.ie",
        "a+nieuwsbrief@c.co.uk",
        "<jan.de.vries@gemeente.nijmegen.nl>",
        "mailto:jan@x.nl",
        "j.jansen＠rotterdam.nl",  # fullwidth at sign
        "naam [at] gemeente.nl",
        "naam(at)gemeente.nl",
        "naam (at) gemeente (dot) nl",
        "naam{at}gemeente{punt}nl",
        "NAAM [AT] GEMEENTE [DOT] NL",
        "naam @ gemeente . nl",
        "naam at gemeente dot nl",
        "naam apenstaartje gemeente punt nl",
    ],
)
def test_email_addresses_are_found(text: str) -> None:
    assert find_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "bel 06-12345678.",
        "T: 06 3398 8706",
        "T: 020 5854 841",
        "070 3364 990",
        "+31 6 12345678",
        "0031 20 1234567",
        "(024) 329 9999",
        "06.12.34.56.78",
        "06 - 12 34 56 78",
        "06 12 34 56 78",
        "0612345678",
        "tel.0612345678",
        "06–12345678",  # en dash
        "06\u00a012345678",  # no-break space
        "０６－１２３４５６７８",  # fullwidth
        "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic digits
        "+31 (0)6 1234 5678",
        "+31(0)24-3299999",
        "0031 (0)20 123 45 67",
        "(+31) 6 12345678",
        "024/3299999",
        "Bel: 0318 - 55 12 34",
        "0800-1234",
        "0800 023 4567",
        "0900-1234567",
        "+32 2 123 45 67",
        "+1 (555) 123-4567",
        "+44 20 7946 0958",
        "0032 2 123 45 67",
        "in 2023. 06 12345678",
        "06 12345678 2x per week",
    ],
)
def test_phone_numbers_are_found(text: str) -> None:
    assert find_personal_data(text)


def test_each_of_two_numbers_is_found() -> None:
    assert find_personal_data("06 12345678 / 024 3299999") == ["06 12345678", "024 3299999"]


@pytest.mark.parametrize(
    "text",
    [
        "€ 1.115.000",
        "10.528.000",
        "+10.528.000 in 2024",
        "€ 65.000 (2025) en € 60.000 (2026)",
        "€ 1.050.000 2023 2024",
        "budgetcode 44013 E600101-100",
        "2023: 448 ontmoetingen; 2026: 1.645",
        "https://www.jinc.nl",
        "https://www.nijmegen.nl/nieuws/2023/06/12345678-besluit",
        "zie www.example.org/rapport/0243299999.pdf",
        "in 2023, 2024 en 2025",
        "40% (Nijmegen: 25%)",
        "2023-2026",
        "de jaren 2020 - 2024 en 2025-2028",
        "2023/2024",
        "2023-06-05",
        "6511 AB Nijmegen",
        "120 scholen, 3.1.1",
        "01-02-2023",
        "01-01-2023 - 31-12-2024",
        "01.01.2023 - 01.01.2024",
        "op 05-03-2024 14 leerlingen",
        "06-05-2023 12 scholen",
        "09.00-12.00 uur",
        "0,5 fte",
        "0 tot 4 jaar, 0-4 jarigen, 4-12 jarigen",
        "ISBN 978-90-5356-123-4",
        "KvK 09123456",
        "10 528 000 euro",
        "versie 0.9.1",
        "volg @jinc op sociale media",
        "meer op www.jinc.nl en kijk at school.nl",
        "5 @ € 3",
        "leerjaar 1 t/m 3 (12-16 jaar)",
    ],
)
def test_figures_and_websites_are_not_mistaken_for_contact_details(text: str) -> None:
    assert find_personal_data(text) == []


AREA_CODES = ["010", "020", "024", "026", "050", "070", "085", "0111", "0318", "0592", "06"]
SEPARATORS = [" ", "-", ".", " - ", "", "\u00a0", "–"]


@st.composite
def dutch_phone_numbers(draw: st.DrawFn) -> str:
    """A Dutch number written the ways people write them: prefixes, brackets, groupings."""
    area = draw(st.sampled_from(AREA_CODES))
    rest = draw(st.text("0123456789", min_size=10 - len(area), max_size=10 - len(area)))
    sep = draw(st.sampled_from(SEPARATORS))
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=4))
    groups, start = [], 0
    for size in sizes:
        if start < len(rest):
            groups.append(rest[start : start + size])
            start += size
    if start < len(rest):
        groups.append(rest[start:])
    subscriber = draw(st.sampled_from([rest, sep.join(groups)]))
    prefix = draw(
        st.sampled_from(
            [f"{area}{sep}", f"({area}) ", f"+31 {area[1:]}{sep}", f"+31 (0){area[1:]}{sep}"]
            + [f"0031 {area[1:]} ", f"+31{area[1:]}"]
        )
    )
    return prefix + subscriber


@settings(max_examples=300, deadline=None)
@given(
    number=dutch_phone_numbers(),
    before=st.sampled_from(["", "Bel ", "T: ", "tel. ", "In 2024 ", "(", "€ 1.115.000, "]),
    after=st.sampled_from(["", ".", " of mail", ")", ", 2023", " (werkdagen)"]),
)
def test_any_way_of_writing_a_dutch_number_is_found(number: str, before: str, after: str) -> None:
    found = find_personal_data(before + number + after)
    assert len(found) == 1, (number, found)
    assert re.sub(r"\D", "", found[0])[-8:] == re.sub(r"\D", "", number)[-8:]


LETTERS = "a-zäöüéèçñ0-9"


@settings(max_examples=200, deadline=None)
@given(
    local=st.from_regex(rf"[{LETTERS}]([{LETTERS}._+-]{{0,10}}[{LETTERS}])?", fullmatch=True),
    domain=st.from_regex(rf"[{LETTERS}]([{LETTERS}-]{{0,10}}[{LETTERS}])?", fullmatch=True),
    tld=st.sampled_from(["nl", "de", "com", "frl", "amsterdam", "xn--p1ai"]),
    at=st.sampled_from(["@", " @ ", " [at] ", "(at)", " (AT) ", "＠"]),
    dot=st.sampled_from([".", " . ", "[dot]", " (punt) "]),
)
def test_any_way_of_writing_an_email_address_is_found(
    local: str, domain: str, tld: str, at: str, dot: str
) -> None:
    assert find_personal_data(f"Mail {local}{at}{domain}{dot}{tld} voor info")


@settings(max_examples=300, deadline=None)
@given(
    amount=st.integers(0, 10**10),
    year=st.integers(1990, 2040),
    count=st.integers(0, 9999),
    day=st.integers(1, 31),
    month=st.integers(1, 12),
    percent=st.integers(0, 100),
    postcode=st.integers(1000, 9999),
    date_sep=st.sampled_from(["-", ".", "/"]),
    template=st.sampled_from(
        [
            "In {year}-{next} kregen {count} scholen {euro} ({percent}%).",
            "Van {date} - {date2} en {year} - {next}: {euro}",
            "Op {date} {count} leerlingen, postcode {postcode} AB, {amount_spaced} euro",
            "{euro} {year} {next}; {count} {percent}% {date} {count}",
            "budget {amount_dots} ({year}) en {euro} ({next})",
        ]
    ),
)
def test_real_figures_are_never_contact_details(
    amount: int,
    year: int,
    count: int,
    day: int,
    month: int,
    percent: int,
    postcode: int,
    date_sep: str,
    template: str,
) -> None:
    text = template.format(
        year=year,
        next=year + 1,
        count=count,
        euro=euro(amount),
        amount_dots=euro(amount).removeprefix("€ "),
        amount_spaced=f"{amount:,}".replace(",", " "),
        percent=percent,
        postcode=postcode,
        date=f"{day:02}{date_sep}{month:02}{date_sep}{year}",
        date2=f"{month:02}{date_sep}{day:02}{date_sep}{year + 1}",
    )
    assert find_personal_data(text) == [], text


def cpu_seconds(text: str) -> float:
    started = time.process_time()
    find_personal_data(text)
    return time.process_time() - started


@pytest.mark.parametrize("text", ["1 " * 10_000, "a" * 20_000, "a@" * 10_000, "01-" * 7000])
def test_pathological_text_is_checked_quickly(text: str) -> None:
    started = time.process_time()
    assert find_personal_data(text) == []  # no recursion limit, no false alarm
    assert time.process_time() - started < 2.0  # a value is at most 20,000 characters


def test_a_long_run_of_number_groups_is_checked_in_linear_time() -> None:
    small = min(cpu_seconds("06 " * 500) for _ in range(3))
    large = cpu_seconds("06 " * 2000)  # four times as long
    assert large < 8 * max(small, 0.005), (small, large)  # linear: about 4 times


def test_bundled_content_holds_no_contact_details() -> None:
    documents, _ = load_content(REPO / "content")
    assert documents, "the bundled content must load"
    assert check_personal_data(documents) == []
    for path in sorted((REPO / "content").rglob("*")):
        if path.is_file():
            assert find_personal_data(path.read_text(encoding="utf-8")) == [], path


def test_the_message_quotes_only_a_short_piece_of_what_was_found() -> None:
    address = "a" * 500 + "@example.nl"
    document = Document("x.yaml", "interventions", {"goal": f"mail {address}"}, {})
    [problem] = check_personal_data([document])
    assert problem.message == (
        f"hier staat een e-mailadres ('{'a' * 39}…'); contactgegevens van mensen worden nooit "
        "gepubliceerd"
    )


def test_a_month_inside_a_date_never_starts_a_phone_number() -> None:
    # Found by hypothesis: '06/1990 1000' has the ten digits of a mobile number.
    assert find_personal_data("Op 10/06/1990 1000 leerlingen") == []
    assert find_personal_data("Op 10-06-1990 1000 leerlingen") == []
    assert find_personal_data("Bel 06 1990 1000") == ["06 1990 1000"]
