"""Scenario errors that name the file, the field path, the bad value and what is allowed."""

from __future__ import annotations

import difflib
import re
import types
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from meritsim.model.scenario.yaml_io import shorten


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario."""

    source: str
    path: str
    message: str
    value: Any = None
    has_value: bool = False

    def __str__(self) -> str:
        path = shorten(self.path, 160)
        where = f"{shorten(self.source, 200)}: {path}" if path else shorten(self.source, 200)
        shown = f" (got {shorten(repr(self.value))})" if self.has_value else ""
        return f"{where}: {shorten(self.message, 800)}{shown}"


class ScenarioError(ValueError):
    """A scenario that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _unwrap(tp: Any) -> list[Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return [t for a in get_args(tp) for t in _unwrap(a)]
    return [tp]


def _descend(tp: Any, part: str | int) -> Any:
    """The type found at ``part`` inside a value of type ``tp`` (None if unknown)."""
    for t in _unwrap(tp):
        if isinstance(t, type) and issubclass(t, BaseModel) and isinstance(part, str):
            field = t.model_fields.get(part)
            if field is not None:
                return field.annotation
        origin = get_origin(t)
        if origin is dict:
            return get_args(t)[1]
        if origin is list and isinstance(part, int):
            return get_args(t)[0]
    return None


def allowed_keys(root: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the model found at ``loc`` (empty if it is not a model)."""
    tp: Any = root
    for part in loc:
        tp = _descend(tp, part)
        if tp is None:
            return []
    for t in _unwrap(tp):
        if isinstance(t, type) and issubclass(t, BaseModel):
            return list(t.model_fields)
    return []


def suggestion(word: str, choices: list[str]) -> str:
    """' Did you mean X?' for a close match, else ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def problems_from_validation(error: ValidationError, root: type[BaseModel], source_of: Any) -> list[Problem]:
    """Translate pydantic errors into Problems; ``source_of(loc)`` names the file behind a field."""
    found = []
    for err in error.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p != "[key]")
        path = ".".join(str(p) for p in loc)
        kind, value = err["type"], err.get("input")
        message = err["msg"].removeprefix("Value error, ")
        if kind == "extra_forbidden":
            keys = allowed_keys(root, loc[:-1])
            message = f"unknown key {loc[-1]!r}.{suggestion(str(loc[-1]), keys)}"
            message += f" Allowed: {', '.join(keys)}." if keys else ""
            found.append(Problem(source_of(loc), path, message))
            continue
        inner = re.match(r"^([A-Za-z_][\w.]*): (.*)$", message, re.S)
        if kind == "value_error" and inner:  # a model check naming a field inside the model
            loc = (*loc, *inner.group(1).split("."))
            path, message = ".".join(str(p) for p in loc), inner.group(2)
        if kind == "literal_error" and isinstance(value, str):
            expected = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
            message += "." + suggestion(value, expected)
        if kind == "missing":
            found.append(Problem(source_of(loc), path, "required field is missing"))
            continue
        shown = kind not in ("value_error", "assertion_error") or not isinstance(value, dict)
        found.append(Problem(source_of(loc), path, message, value, has_value=shown))
    return found
