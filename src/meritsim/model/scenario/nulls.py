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
    _settle(data, {name: field.annotation for name, field in model.model_fields.items()})
    return data


def _settle(mapping: dict[str, Any], annotations: dict[str, Any]) -> None:
    """Settle each key of ``mapping`` by its annotation: a null dropped unless it may be None, a
    mapping settled as the section (a model) or the entries (``dict[str, X]``) it stands for."""
    for key, value in list(mapping.items()):
        if key not in annotations:
            continue
        annotation = annotations[key]
        if value is None:
            if not _may_be_none(annotation):
                del mapping[key]
            continue
        if not isinstance(value, dict):
            continue
        for option in _options(annotation):
            if isinstance(option, type) and issubclass(option, BaseModel):
                settle_nulls(value, option)
                break
            if typing.get_origin(option) is dict:
                _settle(value, dict.fromkeys(value, typing.get_args(option)[1]))
                break


def _options(annotation: Any) -> tuple[Any, ...]:
    """The alternatives of a union (``X | None``), or the annotation itself."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _may_be_none(annotation: Any) -> bool:
    return annotation is Any or type(None) in _options(annotation)
