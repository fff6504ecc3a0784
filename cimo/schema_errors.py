"""Turn pydantic's validation errors into located problems a policy writer understands."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from cimo.excerpt import excerpt
from cimo.load import Document, Path_
from cimo.model import SLUG_PATTERN, STATUS_DATE_PATTERN, URL_PATTERN
from cimo.problems import Problem, format_path


def known_field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """All field names of a model and the models nested in it (for 'did you mean' hints)."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(name)
        for nested in _nested_models(info.annotation):
            names |= known_field_names(nested, seen)
    return names


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found += _nested_models(arg)
    return found


def data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Keep the parts of pydantic's location that exist in the data (drops union tags)."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif (
            isinstance(current, dict)
            and isinstance(part, str)
            and part.isdigit()
            and int(part) in current
        ):
            current = current[int(part)]
            path.append(int(part))
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        elif index == len(loc) - 1 and isinstance(current, dict) and isinstance(part, str):
            path.append(part)  # a missing field: name it
        # anything else is a union member tag such as 'int' or 'str': not part of the data
    return tuple(path)


def problems_from_validation(
    error: ValidationError,
    document: Document,
    model: type[BaseModel],
    skip: set[Path_] | None = None,
) -> list[Problem]:
    """One problem per place, in Dutch; places in `skip` already have a clearer message."""
    problems: list[Problem] = []
    fields = known_field_names(model)
    done: set[Path_] = set(skip or ())
    for item in error.errors(include_url=False):
        path = data_path(document.data, tuple(item["loc"]))
        if any(path[: len(other)] == other for other in done):
            continue  # a union gives one error per member; say it once
        done.add(path)
        message, hint = _explain(item, path, fields, document.plain.get(path))
        problems.append(Problem(document.locate(path), format_path(path), message, hint))
    return problems


#: Per required form of a text (cimo/model.py): what is wrong, and how to write it.
PATTERN_TEXTS = {
    SLUG_PATTERN: (
        "is geen geldige id",
        "Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld 'rolmodellen'.",
    ),
    URL_PATTERN: ("is geen goed webadres", "Begin het webadres met https://"),
    STATUS_DATE_PATTERN: (
        "is geen goede datum",
        "Schrijf een jaar, of jaar en maand met twee cijfers, tussen aanhalingstekens: "
        '"2019" of "2019-03".',
    ),
}
#: The Dutch meaning of English choices (the values stay English, so files stay comparable).
#: Alternatives a writer may type are separated by '/'; the first is shown.
DUTCH_CHOICES = {
    "planned": "gepland",
    "running": "loopt/lopend/actief",
    "completed": "afgerond/klaar/gestopt",
    "unknown": "onbekend",
    "stated": "staat in de bron",
    "inferred": "eigen lezing/afgeleid",
    "output": "wat er gedaan wordt",
    "outcome": "wat het oplevert",
    "study": "onderzoek",
    "impact-measurement": "impactmeting",
    "evaluation": "evaluatie",
    "monitor": "monitor",
    "other": "anders/overig",
    "municipality": "gemeente",
    "network": "netwerk",
    "foundation": "stichting",
    "school": "school",
    "company": "bedrijf",
    "government": "overheid",
}
PATTERN_FALLBACK = ("heeft niet de goede vorm", "Kijk in de redactiegids hoe dit veld eruitziet.")
_YEAR_FIELDS = {"year", "start", "end"}
_AMOUNT_FIELDS = {"amounts", "declared_totals"}
_AGE_FIELDS = {"min", "max"}
_MIN_ITEMS = {
    "via": "Noem minstens één mechanisme dat onder 'mechanisms' staat.",
    "sources": "Noem minstens één bron, bijvoorbeeld: - source: id-van-de-bron",
}


def _explain(
    item: Any, path: Path_, fields: set[str], source: str | None = None
) -> tuple[str, str | None]:
    """The message and hint for one error; the input appears only as a short excerpt."""
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    name = path[-1] if path else ""
    parent = path[-2] if len(path) > 1 else ""
    shown = (
        excerpt(source)
        if source is not None and isinstance(value, int | float)
        else f"'{excerpt(source)}'"
        if source is not None
        else _shown(value)
    )
    if kind == "missing":
        return f"het veld '{name}' ontbreekt", f"Voeg '{name}:' toe, met een waarde."
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(name), sorted(fields), n=3, cutoff=0.6)
        hint = (
            f"Bedoelt u {_quoted(close)}?"
            if close
            else "Haal het weg, of controleer de spelling van de naam."
        )
        return f"onbekend veld '{excerpt(name)}'", hint
    if "[key]" in item["loc"]:
        if kind in {"greater_than_equal", "less_than_equal"}:
            return f"{shown} is geen jaartal tussen 1900 en 2100", "Controleer het jaartal."
        return f"'{excerpt(value)}' is geen jaartal", "Schrijf het jaar in cijfers: 2024:"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return (
            f"hier horen velden (naam: waarde), maar er staat {_found(value, shown)}",
            "Zet de velden op de regels eronder, twee spaties verder ingesprongen.",
        )
    if kind == "list_type":
        return (
            f"hier hoort een lijst, maar er staat {_found(value, shown)}",
            "Zet elke waarde op een eigen regel die begint met '- ', of schrijf [a, b].",
        )
    if kind == "string_pattern_mismatch":
        message, hint = PATTERN_TEXTS.get(str(ctx.get("pattern")), PATTERN_FALLBACK)
        return f"'{excerpt(value)}' {message}", hint
    if kind == "reserved_id":
        return (
            f"de id '{value}' is al in gebruik voor de lijstpagina's van de site",
            "Kies een andere id.",
        )
    if value is None and kind in {"string_type", "int_type", "float_type", "bool_type", "enum"}:
        return (
            f"na '{name}:' is niets ingevuld",
            f"Vul een waarde in na '{name}:', of haal de regel weg als het veld niet verplicht is.",
        )
    if kind == "string_type" and isinstance(value, bool | int | float):
        written = excerpt(source) if source else _shown(value)
        return (
            f"hier hoort tekst, maar {shown} wordt gelezen als "
            + ("ja/nee-waarde" if isinstance(value, bool) else "getal"),
            f'Zet de waarde tussen aanhalingstekens: "{written}"',
        )
    if kind in {"string_type", "float_type", "int_type", "bool_type"} and isinstance(
        value, dict | list
    ):
        want = "tekst" if kind == "string_type" else "één waarde"
        return f"hier hoort {want}, maar er staat {_found(value, shown)}", None
    if kind in {"int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"}:
        return _number_expected(name, parent, shown)
    if kind in {"greater_than_equal", "less_than_equal"}:
        return _out_of_range(name, parent, shown, ctx)
    if kind == "too_short":
        return f"de lijst '{name}' is leeg", _MIN_ITEMS.get(str(name), "Noem er minstens één.")
    if kind == "string_too_short":
        return "de tekst is leeg", "Vul tekst in, of haal het veld weg als het niet verplicht is."
    if kind == "string_too_long":
        limit = ctx.get("max_length", "")
        return f"de tekst is te lang (meer dan {limit} tekens)", "Maak de tekst korter."
    if kind in {"enum", "literal_error"}:
        return f"{shown} is hier niet toegestaan", _choice_hint(value, str(ctx.get("expected", "")))
    if kind in {"bool_type", "bool_parsing"}:
        return f"{shown} is geen ja/nee-waarde", "Schrijf true (ja) of false (nee)."
    if kind == "value_error":
        return str(item["msg"]).removeprefix("Value error, "), None
    return f"deze waarde klopt hier niet ({excerpt(item['msg'], 120)})", None


def _choice_hint(value: Any, expected: str) -> str:
    """'Kies uit' with the Dutch meaning of each English choice; 'Bedoelt u' when the writer
    typed that meaning ('loopt' for 'running')."""
    choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",") if c]
    meant = [c for c in choices if _same_word(DUTCH_CHOICES.get(c), value)]
    named = [_with_meaning(c) for c in choices]
    listed = ", ".join(named[:-1]) + f" of {named[-1]}" if len(named) > 1 else "".join(named)
    if meant:
        return f"Schrijf '{meant[0]}'. Kies uit: {listed}."
    return f"Kies uit: {listed}."


def _with_meaning(choice: str) -> str:
    meaning = DUTCH_CHOICES.get(choice, choice).split("/")[0]
    return f"'{choice}'" if meaning == choice else f"'{choice}' ({meaning})"


def _same_word(meaning: str | None, value: Any) -> bool:
    if meaning is None or not isinstance(value, str):
        return False
    return value.strip().lower() in {m.strip() for m in meaning.split("/")}


def _number_expected(name: Any, parent: Any, shown: str) -> tuple[str, str]:
    if name in _YEAR_FIELDS:
        return f"hier hoort een jaartal, maar er staat {shown}", "Schrijf het jaar in cijfers: 2024"
    if name in _AGE_FIELDS:
        return (
            f"hier hoort een leeftijd in hele jaren, maar er staat {shown}",
            "Schrijf alleen cijfers, bijvoorbeeld 12.",
        )
    if parent in _AMOUNT_FIELDS:
        return (
            f"hier hoort een bedrag in hele euro's, maar er staat {shown}",
            "Schrijf alleen cijfers, zonder €, punten of komma's: 250000",
        )
    return f"hier hoort een getal, maar er staat {shown}", "Schrijf alleen cijfers: 1140"


def _out_of_range(name: Any, parent: Any, shown: str, ctx: dict[str, Any]) -> tuple[str, str]:
    if name in _YEAR_FIELDS:
        return f"{shown} is geen jaartal tussen 1900 en 2100", "Controleer het jaartal."
    if name in _AGE_FIELDS:
        return f"{shown} is geen leeftijd tussen 0 en 30", "Schrijf de leeftijd in hele jaren."
    if ctx.get("ge") == 0:
        return f"{shown} is negatief", "Een bedrag of aantal is 0 of meer."
    low, high = ctx.get("ge"), ctx.get("le")
    bound = f"minstens {low}" if low is not None else f"hoogstens {high}"
    return f"{shown} is te {'klein' if low is not None else 'groot'}", f"Het moet {bound} zijn."


def _found(value: Any, shown: str) -> str:
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met velden"
    if value is None:
        return "niets"
    return shown


def _shown(value: Any) -> str:
    """A value as YAML showed it to the writer, cut short: 'text' in quotes, others as is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"'{excerpt(value)}'" if isinstance(value, str) else excerpt(value)


def _quoted(names: list[str]) -> str:
    return " of ".join(f"'{n}'" for n in names)
