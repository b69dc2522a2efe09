"""Load scenarios from YAML: bundled names, ``extends:`` chains and dotted ``--set`` overrides."""

from __future__ import annotations

import copy
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from meritsim.model.scenario.errors import Problem, ScenarioError, problems_from_validation, suggestion
from meritsim.model.scenario.nulls import settle_nulls
from meritsim.model.scenario.schema import Scenario, Supervision, Timeline
from meritsim.model.scenario.yaml_io import YamlError, YamlLimitError, load_yaml, read_yaml_file, shorten

Origins = dict[tuple[str, ...], str]


def bundled_dir() -> Path:
    """Folder of the bundled scenarios: the package data ``meritsim/_scenarios`` (in the
    repository a link to the top-level ``params/``, so installed and editable copies agree)."""
    return Path(str(resources.files("meritsim") / "_scenarios"))


def bundled_names() -> list[str]:
    """Names of all bundled scenarios, e.g. ``default`` or ``peter_principle/peter_best``."""
    root = bundled_dir()
    return sorted(
        p.relative_to(root).with_suffix("").as_posix()
        for p in root.rglob("*.yaml")
        if "examples" not in p.relative_to(root).parts
    )


YAML_SUFFIXES = (".yaml", ".yml")


def locate(ref: str | Path, relative_to: Path | None = None) -> Path:
    """The file a scenario reference names: a path, a sibling of ``relative_to``, or a bundled
    name; only YAML files (``.yaml``/``.yml``) are scenarios."""
    ref = str(ref)
    candidates = [Path(ref)]
    if relative_to is not None:
        candidates.insert(0, relative_to / ref)
    candidates.append(bundled_dir() / ref)
    candidates = [
        c if c.suffix in YAML_SUFFIXES else c.with_name(c.name + ".yaml") for c in candidates if c.name
    ]
    for c in candidates:
        if c.is_file():
            return c
    names = bundled_names()
    hint = suggestion(ref, names)
    shown = shorten(ref, 120)
    if Path(ref).suffix not in YAML_SUFFIXES and Path(ref).is_file():
        message = "is not a scenario: scenarios are YAML files ending in .yaml or .yml"
    else:
        message = f"no such scenario file or bundled scenario.{hint} Bundled scenarios: {', '.join(names)}"
    raise ScenarioError([Problem(shown, "", message)])


def _read(path: Path) -> dict[str, Any]:
    try:
        data = read_yaml_file(path, "scenario")
    except YamlError as exc:
        raise ScenarioError([Problem(str(path), "", str(exc).removeprefix(f"{path}: "))]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError([Problem(str(path), "", "must be a YAML mapping of keys to values")])
    return data


def _merge(base: Any, over: Any, origin: str, origins: Origins, path: tuple[str, ...]) -> Any:
    """Deep-merge ``over`` into ``base``: mappings merge, the rest (a null too) replaces."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        _mark(over, origin, origins, path)
        return copy.deepcopy(over)
    merged = dict(base)
    for key, value in over.items():
        sub = (*path, str(key))
        if value is None:  # kept: settled against the schema once resolved (see nulls)
            merged[key] = None
            _set_origin(origins, sub, origin)
        elif key in merged:
            merged[key] = _merge(merged[key], value, origin, origins, sub)
        else:
            _mark(value, origin, origins, sub)
            merged[key] = copy.deepcopy(value)
    return merged


def _set_origin(origins: Origins, path: tuple[str, ...], origin: str) -> None:
    origins.pop(path, None)  # re-insert: the order of origins is the order of setting
    origins[path] = origin


def _mark(value: Any, origin: str, origins: Origins, path: tuple[str, ...]) -> None:
    _set_origin(origins, path, origin)
    if isinstance(value, dict):
        for k, v in value.items():
            _mark(v, origin, origins, (*path, str(k)))


def _resolve(path: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], Origins]:
    path = path.resolve()
    if path in chain:
        loop = " -> ".join(str(p) for p in (*chain, path))
        raise ScenarioError([Problem(str(path), "extends", f"extends itself: {loop}")])
    data = _read(path)
    parent_ref = data.pop("extends", None)
    origins: Origins = {}
    if parent_ref is None:
        return _merge({}, data, str(path), origins, ()), origins
    if not isinstance(parent_ref, str):
        raise ScenarioError([Problem(str(path), "extends", "must name one scenario", parent_ref, True)])
    try:
        parent_path = locate(parent_ref, relative_to=path.parent)
    except ScenarioError as exc:
        raise ScenarioError(
            [Problem(str(path), "extends", p.message, parent_ref, True) for p in exc.problems]
        ) from None
    base, origins = _resolve(parent_path, (*chain, path))
    base.pop("name", None)  # a scenario's name is its own, never inherited
    return _merge(base, data, str(path), origins, ()), origins


def parse_override(text: str) -> tuple[tuple[str, ...], Any]:
    """``"policy.name=seniority"`` -> (("policy", "name"), "seniority"); values are YAML."""
    key, sep, raw = text.partition("=")
    parts = tuple(p.strip() for p in key.split("."))
    if not sep or not all(parts):
        raise ScenarioError(
            [Problem("--set", text, "expected KEY=VALUE with a dotted key, e.g. policy.name=merit")]
        )
    try:
        value = load_yaml(raw, f"--set {shorten(text, 80)}") if raw.strip() else ""
    except YamlLimitError as exc:
        raise ScenarioError([Problem("--set", shorten(key, 80), str(exc))]) from None
    except YamlError:
        value = raw
    return parts, value


def apply_overrides(data: dict[str, Any], overrides: list[str], origins: Origins) -> dict[str, Any]:
    """Apply dotted overrides in order; each one is recorded as the origin of its field."""
    for text in overrides:
        parts, value = parse_override(text)
        nested: Any = value
        for part in reversed(parts):
            nested = {part: nested}
        data = _merge(data, nested, f"--set {text}", origins, ())
    return data


def _source_finder(origins: Origins, default: str):
    """Name the file behind a field: the latest file that set it, an ancestor or a descendant."""
    order = {path: i for i, path in enumerate(origins)}

    def source_of(loc: tuple[Any, ...]) -> str:
        parts = tuple(str(p) for p in loc)
        related = [p for p in origins if p[: len(parts)] == parts or parts[: len(p)] == p]
        return origins[max(related, key=order.__getitem__)] if related else default

    return source_of


def read_scenario(ref: str | Path = "default", overrides: list[str] | tuple[str, ...] = ()) -> Scenario:
    """Read, resolve and validate a scenario file against the schema (a bundled name or a YAML
    file); :func:`meritsim.model.load.load_scenario` adds the checks that need the engine (policy
    names, the snapshot).

    Raises:
        ScenarioError: listing every problem with file, field path, value and what is allowed.
    """
    path = locate(ref)
    data, origins = _resolve(path, ())
    data.setdefault("name", _default_name(path))
    data = apply_overrides(data, list(overrides), origins)
    snapshot = (
        (data.get("workforce") or {}).get("snapshot") if isinstance(data.get("workforce"), dict) else None
    )
    if isinstance(snapshot, str) and not Path(snapshot).is_absolute():
        origin = origins.get(("workforce", "snapshot"), str(path))
        base = Path(origin).parent if not origin.startswith("--set") else Path.cwd()
        data["workforce"] = {**data["workforce"], "snapshot": str((base / snapshot).resolve())}
    settle_nulls(data, Scenario)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        source_of = _source_finder(origins, str(path))
        raise ScenarioError(problems_from_validation(exc, Scenario, source_of)) from None


def _default_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(bundled_dir().resolve()).with_suffix("").as_posix()
    except ValueError:
        return path.stem


def resolved_dict(scenario: Scenario) -> dict[str, Any]:
    """The fully resolved scenario as plain JSON-compatible data."""
    return scenario.model_dump(mode="json")


def to_yaml(scenario: Scenario) -> str:
    """The fully resolved scenario as YAML, every default spelled out."""
    return yaml.safe_dump(resolved_dict(scenario), sort_keys=False, allow_unicode=True)


#: fields added after 0.3.0 and their defaults: left out of the hash while at them, so that a
#: scenario that does not use them keeps the hash it had before they existed
LATER_FIELDS: dict[tuple[str, ...], Any] = {
    ("supervision",): Supervision().model_dump(mode="json"),
    ("timeline",): Timeline().model_dump(mode="json"),
    ("mechanisms", "supervision"): True,
}


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the resolved scenario's canonical JSON (the :data:`LATER_FIELDS` at their
    defaults left out)."""
    data = resolved_dict(scenario)
    for (*parents, name), default in LATER_FIELDS.items():
        section = data
        for part in parents:
            section = section[part]
        if section[name] == default:
            del section[name]
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
