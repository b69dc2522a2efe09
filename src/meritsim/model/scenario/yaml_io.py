"""Reading YAML with bounded work: no alias bombs, no huge documents, short error messages.

YAML aliases let a tiny file expand into gigabytes ("billion laughs") once its data is copied,
hashed or validated. Every YAML meritsim reads (scenarios, ``--set`` values, mappings, sweeps,
batches, report parameters) goes through :func:`load_yaml`, which refuses documents with more
than ``MAX_ALIASES`` aliases or whose fully expanded content exceeds ``MAX_BYTES``.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import yaml

MAX_ALIASES = 1000
MAX_BYTES = 1_000_000


class YamlError(ValueError):
    """YAML that cannot be read; the message names the source and where, never the content."""


class YamlLimitError(YamlError):
    """YAML refused because reading it would take unbounded work."""


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader with a bound on aliases; dates stay text (``2024-12-31`` is a string)."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise YamlLimitError(f"more than {MAX_ALIASES} aliases (*name)")
        return super().compose_node(parent, index)


_BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Characters of the document below ``node`` once every alias is expanded."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 0  # a recursive alias counts once
    if isinstance(node, yaml.ScalarNode):
        size = len(node.value) + 1
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(n, memo) for n in node.value)
    else:
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[key] = size
    return size


def shorten(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters, saying how long it was."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def load_yaml(text: str, source: str = "<text>") -> Any:
    """The data of one YAML document (None if empty); dates are read as text. A text read before
    is not parsed again (studies load one scenario file for many variants): its data is copied.

    Raises:
        YamlError: invalid YAML (with line and column), too many aliases, or too large.
    """
    return copy.deepcopy(_parse(text, source))


@functools.lru_cache(maxsize=64)
def _parse(text: str, source: str) -> Any:
    """:func:`load_yaml`'s work; errors are not cached."""
    if len(text) > MAX_BYTES:
        raise YamlLimitError(f"{source}: is larger than {MAX_BYTES // 1_000_000} MB, too large to be read")
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, {}) > MAX_BYTES:
            raise YamlLimitError(f"expands past {MAX_BYTES // 1_000_000} MB through its aliases")
        return loader.construct_document(node)
    except YamlLimitError as exc:
        raise YamlLimitError(f"{source}: is refused: {exc}") from None
    except RecursionError:
        raise YamlLimitError(f"{source}: is refused: it is nested too deeply") from None
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: e.g. a bad explicit !!timestamp
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
        raise YamlError(f"{source}: is not valid YAML{where}: {shorten(str(reason), 120)}") from None
    finally:
        loader.dispose()


def read_yaml_file(path, what: str = "file") -> Any:
    """The data of a YAML file; YamlError names the file if it cannot be read or parsed."""
    from pathlib import Path

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlError(f"{path}: is not UTF-8 text, so not a {what}") from None
    except OSError as exc:
        raise YamlError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    return load_yaml(text, str(path))
