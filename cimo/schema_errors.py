"""Turn pydantic's validation errors into located problems a policy writer understands."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from cimo.excerpt import excerpt
from cimo.load import Document, Path_
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
    error: ValidationError, document: Document, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    fields = known_field_names(model)
    for item in error.errors(include_url=False):
        path = data_path(document.data, tuple(item["loc"]))
        message, hint = _explain(item, path, fields)
        problems.append(Problem(document.locate(path), format_path(path), message, hint))
    return problems


def _explain(item: Any, path: Path_, fields: set[str]) -> tuple[str, str | None]:
    """The message and hint for one error; the input appears only as a short excerpt."""
    kind, value = item["type"], item.get("input")
    name = path[-1] if path else ""
    if kind == "missing":
        return "required field is missing", f"add '{name}:' here"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(name), sorted(fields), n=3, cutoff=0.6)
        hint = f"did you mean {_quoted(close)}?" if close else "remove it or check the spelling"
        return f"unknown field '{excerpt(name)}'", hint
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        found = "a list" if isinstance(value, list) else f"{type(value).__name__} {_shown(value)}"
        return f"expected a mapping (key: value lines), found {found}", None
    if kind == "list_type":
        return "expected a list (lines starting with '- ')", None
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(item.get("ctx", {})):
        return (
            f"'{excerpt(value)}' is not a valid id",
            "use lowercase letters, digits and hyphens, e.g. 'rolmodellen'",
        )
    if kind == "reserved_id":
        return f"'{value}' is reserved for the site's list pages", "choose another id"
    if kind == "string_pattern_mismatch":
        return f"'{excerpt(value)}' is not a valid web address", "start it with https://"
    if kind == "string_type" and isinstance(value, bool | int | float):
        return (
            f"expected text, found {_shown(value)}",
            "put the value in quotes; YAML reads yes/no/on/off and numbers as other types",
        )
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, found {_shown(value)}", "write amounts without € or dots"
    return excerpt(item["msg"], 200), None


def _shown(value: Any) -> str:
    """A value as YAML showed it to the writer, cut short: 'text' in quotes, others as is."""
    return f"'{excerpt(value)}'" if isinstance(value, str) else excerpt(value)


def _quoted(names: list[str]) -> str:
    return " or ".join(f"'{n}'" for n in names)
