"""What a ``null`` means in a scenario: unset a field that may be unset, else remove the key.

A field whose reference says "unset = ..." (``rules.exits.dismissal_predikat``, ``pppk``,
``policy_change``) takes ``null`` as that value, in a file, in a child that ``extends`` a parent
or on the command line alike. Anywhere else a ``null`` removes the key: an entry of a mapping
(a level, a count per level) is dropped, and a field that cannot be unset keeps its default.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel


def settle_nulls(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """``data`` (a scenario's resolved mapping, changed in place) with each ``null`` settled by
    the field of ``model`` it stands for; keys the model does not know are left to validation."""
    for key, value in list(data.items()):
        field = model.model_fields.get(key)
        if field is None:
            continue
        annotation = field.annotation
        if value is None:
            if not _may_be_none(annotation):
                del data[key]
        elif isinstance(value, dict):
            _settle_value(value, annotation)
    return data


def _settle_value(value: dict[str, Any], annotation: Any) -> None:
    """Settle a mapping that stands for a section (a model) or for entries (``dict[str, X]``)."""
    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            settle_nulls(value, option)
            return
        if typing.get_origin(option) is dict:
            entry = typing.get_args(option)[1]
            for key, item in list(value.items()):
                if item is None and not _may_be_none(entry):
                    del value[key]
                elif isinstance(item, dict):
                    _settle_value(item, entry)
            return


def _options(annotation: Any) -> tuple[Any, ...]:
    """The alternatives of a union (``X | None``), or the annotation itself."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _may_be_none(annotation: Any) -> bool:
    return annotation is Any or type(None) in _options(annotation)
