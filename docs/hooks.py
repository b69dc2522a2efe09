"""MkDocs hook: the reference pages are generated from the code at build time.

A page in ``docs/`` marks the place of its generated part with two comments::

    <!-- generated: outcomes -->
    (a note for readers of the source on GitHub: this part is generated)
    <!-- end generated -->

and :func:`on_page_markdown` replaces everything between them with the Markdown made by
``GENERATORS[name]``. Nothing is written into ``docs/``: the generated text exists only in the
built site, so it always matches the installed code (the scenario schema, the outcome registry,
the command line, the registered policies and ``meritsim.__all__``).
"""

from __future__ import annotations

import enum
import inspect
import json
import re
import types
import typing
from collections.abc import Callable
from typing import Any

MARKER = re.compile(r"<!-- generated: ([a-z_-]+) -->.*?<!-- end generated -->", re.S)


# -- Markdown helpers -----------------------------------------------------------------------------

_CODE = re.compile(r"(``.+?``|`[^`]+`)", re.S)
_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|obj|exc):`~?([^`]+)`")
_SECTION = re.compile(r"^(Args|Arguments|Returns|Raises|Yields|Attributes|Examples?|Notes?):\s*$")


def _escape(text: str) -> str:
    """Markdown-escape plain text (not inside code spans)."""
    text = text.replace("\\", "\\\\")
    for ch in "*_[]|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def md(text: str | None) -> str:
    """Docstring or help text (reST-flavoured plain text) as Markdown: ``code`` and roles become
    code spans, everything else is escaped, Google-style sections become bold labels with lists."""
    if not text:
        return ""
    text = _ROLE.sub(lambda m: f"``{m.group(1)}``", inspect.cleandoc(text))
    out: list[str] = []
    in_section = False
    for line in text.splitlines():
        if _SECTION.match(line):
            out += ["", f"\0{line.strip()}\0", ""]  # made bold after escaping
            in_section = True
            continue
        if in_section and line.startswith((" ", "\t")):
            if out[-1].startswith("- ") and line.startswith("        "):
                out[-1] += " " + line.strip()  # continuation of an item
            else:
                out.append("- " + line.strip())
            continue
        if line.strip():
            in_section = False
        out.append(line.lstrip() if line.startswith("    ") else line)  # never a code block
    parts = _CODE.split("\n".join(out))
    text = "".join(f"`{p.strip('`')}`" if i % 2 else _escape(p) for i, p in enumerate(parts))
    return re.sub("\0(.*?)\0", r"**\1**", text).strip()


def cell(text: Any) -> str:
    """One table cell: Markdown on one line, pipes escaped."""
    return md(str(text)).replace("\n", " ") if text not in (None, "") else ""


def code(value: Any) -> str:
    """A code span (Python-Markdown tables leave pipes in code spans alone)."""
    text = str(value)
    return f"`` {text} ``" if "`" in text else f"`{text}`" if text else '`""`'


def first_paragraph(doc: str | None) -> str:
    return inspect.cleandoc(doc or "").split("\n\n")[0].replace("\n", " ")


# -- the scenario schema and other pydantic models ------------------------------------------------


def _pydantic():
    from pydantic import BaseModel

    return BaseModel


def _literal_text(args: tuple) -> str:
    from meritsim.model.scenario.domain import EDUCATION, PREDIKAT, RANKS
    from meritsim.model.scenario.merit_system import COMPETENCIES

    named = {
        tuple(RANKS): "rank code",
        tuple(EDUCATION): "education code",
        tuple(PREDIKAT): "predikat",
        tuple(range(1, 13)): "month",
        tuple(COMPETENCIES): "managerial competency",
    }
    if args in named:
        span = f"{args[0]} … {args[-1]}" if len(args) > 6 else ", ".join(map(str, args))
        return f"{named[args]} ({span})"
    return "one of " + ", ".join(code(json.dumps(a)) if not isinstance(a, str) else code(a) for a in args)


def type_text(annotation: Any, anchor: Callable[[type], str]) -> str:
    """A field's type for people writing YAML, with links to nested models."""
    BaseModel = _pydantic()
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is type(None):
        return "null"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_text(a, anchor) for a in args)
    if origin is typing.Literal:
        return _literal_text(args)
    if origin in (list, tuple, set):
        if not args:
            return "list"
        inner = type_text(args[0], anchor)
        return f"list of ({inner})" if " or " in inner else f"list of {inner}"
    if origin is dict:
        return (
            f"mapping of {type_text(args[0], anchor)} to {type_text(args[1], anchor)}" if args else "mapping"
        )
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{anchor(annotation)})"
    simple = {float: "number", int: "integer", str: "text", bool: "true/false", Any: "any"}
    if annotation in simple:
        return simple[annotation]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "one of " + ", ".join(code(m.value) for m in annotation)
    return code(getattr(annotation, "__name__", str(annotation)))


def nested_models(annotation: Any) -> list[type]:
    BaseModel = _pydantic()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in nested_models(a)]


def _yaml_flow(value: Any) -> str:
    BaseModel = _pydantic()
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def default_text(field: Any, anchor: Callable[[type], str]) -> str:
    BaseModel = _pydantic()
    if field.is_required():
        return "*required*"
    value = field.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        cls = type(value)
        try:
            plain = value == cls()
        except Exception:  # the model has required fields
            plain = False
        flow = _yaml_flow(value)
        if plain or len(flow) > 70:
            return f"see [{cls.__name__}](#{anchor(cls)})"
        return code(flow)
    return code(_yaml_flow(value))


def bounds_text(field: Any) -> str:
    out = []
    for meta in field.metadata:
        for attr, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                if value == 2**63 - 1:
                    value = "2^63 - 1"
                out.append(f"{sign} {value:g}" if isinstance(value, float) else f"{sign} {value}")
        if getattr(meta, "min_length", None) is not None:
            out.append(f"at least {meta.min_length} item(s)")
        if getattr(meta, "max_length", None) is not None:
            out.append(f"at most {meta.max_length} item(s)")
    return ", ".join(out)


def model_sections(root: type, root_path: str = "", prefix: str = "", level: int = 2) -> str:
    """Every model reachable from ``root``, depth first, once each: where it is used, its
    docstring and a table of its fields (type, default, bounds, description)."""
    uses: dict[type, list[str]] = {}

    def anchor(cls: type) -> str:
        return prefix + cls.__name__.lower()

    def walk(cls: type, path: str) -> None:
        first = cls not in uses
        uses.setdefault(cls, []).append(path)
        if not first:
            return
        for name, field in cls.model_fields.items():
            sub = f"{path}.{name}" if path else name
            if typing.get_origin(field.annotation) is dict or any(
                typing.get_origin(a) is dict for a in typing.get_args(field.annotation)
            ):
                sub += ".<key>"
            for model in nested_models(field.annotation):
                walk(model, sub)

    walk(root, root_path)
    out = []
    for cls, paths in uses.items():
        out.append(f"{'#' * level} {cls.__name__} {{#{anchor(cls)}}}\n")
        where = ", ".join(code(p) for p in paths if p) or "the top level of the file"
        out.append(f"*Where:* {where}\n")
        doc = md(inspect.getdoc(cls) if cls.__doc__ else "")
        if doc:
            out.append(doc + "\n")
        out.append("| field | type | default | bounds | description |")
        out.append("|---|---|---|---|---|")
        for name, field in cls.model_fields.items():
            out.append(
                f"| {code(name)} | {type_text(field.annotation, anchor)} | {default_text(field, anchor)} "
                f"| {bounds_text(field)} | {cell(field.description)} |"
            )
        out.append("")
    return "\n".join(out)


def gen_scenario_schema() -> str:
    from meritsim.model.scenario.schema import Scenario

    return model_sections(Scenario)


def gen_spec_files() -> str:
    from meritsim.data.mapping import ImportMapping
    from meritsim.study.design import SweepSpec
    from meritsim.workbench.batches import BatchSpec

    parts = [
        ("sweep", "Sweep spec: `meritsim sweep SPEC.yaml`", SweepSpec),
        ("batch", "Batch file: `meritsim batch BATCH_FILE`", BatchSpec),
        ("mapping", "Import mapping: `meritsim import-workforce --mapping MAPPING.yaml`", ImportMapping),
    ]
    return "\n".join(
        f"## {title} {{#{key}}}\n\n" + model_sections(model, prefix=f"{key}-", level=3)
        for key, title, model in parts
    )


# -- bundled scenarios -----------------------------------------------------------------------------


def gen_scenarios() -> str:
    import yaml

    from meritsim.model.scenario import bundled_names
    from meritsim.model.scenario.files import bundled_dir, read_scenario

    out = [
        "| scenario | extends | policy | posts | years x replications | description |",
        "|---|---|---|---|---|---|",
    ]
    for name in bundled_names():
        raw = yaml.safe_load((bundled_dir() / f"{name}.yaml").read_text(encoding="utf-8")) or {}
        sc = read_scenario(name)
        posts = sum(sc.organisation.posts(k) for k in sc.organisation.levels)
        extends = code(raw["extends"]) if raw.get("extends") else ""
        size = f"{sc.years} x {sc.replications}"
        description = cell(" ".join(sc.description.split()))
        out.append(
            f"| {code(name)} | {extends} | {code(sc.policy.name)} | {posts:,} | {size} | {description} |"
        )
    return "\n".join(out) + "\n"


# -- outcomes, policies ------------------------------------------------------------------------------


def gen_outcomes() -> str:
    from meritsim.model.outcomes import REGISTRY

    out = [
        "| outcome | label (Bahasa Indonesia) | label (English) | unit | compared | headline |",
        "|---|---|---|---|---|---|",
    ]
    for o in REGISTRY:
        yes = {True: "yes", False: ""}
        out.append(
            f"| {code(o.name)} | {cell(o.label_id)} | {cell(o.label_en)} | {cell(o.unit)} "
            f"| {yes[o.compared]} | {yes[o.headline]} |"
        )
    return "\n".join(out) + "\n"


def gen_policies() -> str:
    from meritsim.model.policies import ScoredPolicy, available
    from meritsim.model.scenario.policy import PolicySpec

    params = {
        name: field
        for name, field in PolicySpec.model_fields.items()
        if field.description and ":" in field.description.split(" ")[0]
    }
    out = []
    for name, cls in available().items():
        kind = "ScoredPolicy" if issubclass(cls, ScoredPolicy) else "Policy"
        out.append(f"## {name} {{#{name}}}\n")
        out.append(f"`{cls.__module__}.{cls.__qualname__}` ({kind})\n")
        out.append(md(inspect.getdoc(cls)) + "\n")
        if cls.favours_affinity:
            out.append(
                "Favours affinity: its picks of anyone but the best candidates by merit count as "
                "irregular appointments (nepotism).\n"
            )
        own = [(p, f) for p, f in params.items() if f.description.split(":")[0] == name]
        for p, f in own:
            what = md(f.description.split(":", 1)[1].strip())
            out.append(f"- `policy.{p}` (default `{f.default}`): {what}")
        if own:
            out.append("")
    return "\n".join(out)


# -- the command line --------------------------------------------------------------------------------


def _option_lines(command, ctx) -> list[str]:
    import click

    lines = []
    for param in command.get_params(ctx):
        if isinstance(param, click.Argument):
            continue
        record = param.get_help_record(ctx)
        if record:
            opts, help_text = record
            lines.append(f"- {code(opts)}: {cell(help_text)}" if help_text else f"- {code(opts)}")
    return lines


def _argument(param) -> str:
    text = code(param.human_readable_name)
    if param.nargs == -1:
        text += " (one or more)" if param.required else " (any number)"
    return text if param.required else f"{text} (optional, default {code(param.default)})"


def gen_cli() -> str:
    import click

    from meritsim.cli import main

    root = click.Context(main, info_name="meritsim", **main.context_settings)
    out = ["## meritsim {#meritsim}\n", "```text", main.get_usage(root), "```\n", md(main.help) + "\n"]
    out += [*_option_lines(main, root), ""]
    out.append("| command | what it does |\n|---|---|")
    commands = main.all_commands()
    for name, cmd in sorted(commands.items()):
        out.append(f"| [{code(name)}](#{name}) | {cell(first_paragraph(cmd.help))} |")
    out.append("")
    for name, cmd in sorted(commands.items()):
        ctx = click.Context(cmd, info_name=name, parent=root)
        out += [f"## meritsim {name} {{#{name}}}\n", "```text", cmd.get_usage(ctx), "```\n"]
        out.append(md(cmd.help) + "\n")
        arguments = [_argument(p) for p in cmd.params if isinstance(p, click.Argument)]
        if arguments:
            out.append("Arguments: " + ", ".join(arguments) + "\n")
        out += [*_option_lines(cmd, ctx), ""]
    return "\n".join(out)


# -- the Python API -----------------------------------------------------------------------------------


class _Raw:
    """An annotation printed as written in the source (``from __future__ import annotations``)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def signature(name: str, obj: Any) -> str | None:
    """``name(parameters) -> return`` as in the source, one parameter per line when long."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None

    def raw(a):
        return _Raw(a) if isinstance(a, str) else a

    params = [p.replace(annotation=raw(p.annotation)) for p in sig.parameters.values()]
    sig = sig.replace(parameters=params, return_annotation=raw(sig.return_annotation))
    if inspect.isclass(obj):
        sig = sig.replace(return_annotation=inspect.Signature.empty)
    text = f"{name}{sig}"
    if len(text) <= 90:
        return text
    parts, star = [], False
    for p in sig.parameters.values():
        if p.kind is p.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        if p.kind is p.VAR_POSITIONAL:
            star = True
        parts.append(str(p))
    ret = "" if sig.return_annotation is inspect.Signature.empty else f" -> {sig.return_annotation!r}"
    return f"{name}(\n" + "".join(f"    {p},\n" for p in parts) + f"){ret}"


def _members(cls: type) -> list[tuple[str, Any]]:
    """Public methods and properties defined by ``cls`` itself (not by pydantic or ABC)."""
    out = []
    for name, value in vars(cls).items():
        if name.startswith("_") or name in ("model_config", "model_fields"):
            continue
        if isinstance(value, property | staticmethod | classmethod) or inspect.isfunction(value):
            out.append((name, value))
    return out


def _item(head: str, doc: str | None) -> str:
    text = md(first_paragraph(doc))
    return f"- {head}: {text}" if text else f"- {head}"


def gen_api() -> str:
    import meritsim
    from meritsim import _EXPORTS

    BaseModel = _pydantic()
    out = []
    for name in meritsim.__all__:
        obj = getattr(meritsim, name)
        out.append(f"## {_escape(name)} {{#{name.strip('_').lower()}}}\n")
        if name == "__version__":
            out.append(f"The installed version of meritsim (`{obj}` when this page was built).\n")
            continue
        module = _EXPORTS[name]
        if not (inspect.isclass(obj) or callable(obj)):
            out.append(f"`meritsim.{name}`, from `{module}`: a `{type(obj).__name__}`.\n")
            if name == "OUTCOMES":
                out.append(
                    "Every registered outcome by name (an `Outcome` each); see the "
                    "[outcome registry](outcomes.md).\n"
                )
            continue
        is_model = inspect.isclass(obj) and issubclass(obj, BaseModel)
        kind = "A pydantic model" if is_model else "A class" if inspect.isclass(obj) else "A function"
        out.append(f"{kind}, defined in `{obj.__module__}`.\n")
        sig = None if is_model else signature(f"meritsim.{name}", obj)
        if sig:
            out += ["```python", sig, "```\n"]
        out.append(md(inspect.getdoc(obj)) + "\n")
        if is_model:
            if name == "Scenario":
                out.append("Its fields are in the [scenario schema](scenario-schema.md).\n")
            elif name == "SweepSpec":
                out.append("Its fields are in [spec files](spec-files.md#sweep-sweepspec).\n")
        if inspect.isclass(obj):
            for member, value in _members(obj):
                if isinstance(value, property):
                    out.append(_item(f"`.{member}` (property)", value.__doc__))
                else:
                    func = value.__func__ if isinstance(value, staticmethod | classmethod) else value
                    sig = signature(member, func) or member
                    sig = sig.replace("(self, ", "(").replace("(self)", "()").replace("(cls, ", "(")
                    out.append(_item(f"`.{' '.join(sig.split())}`", func.__doc__))
            out.append("")
    return "\n".join(out)


GENERATORS: dict[str, Callable[[], str]] = {
    "scenario-schema": gen_scenario_schema,
    "spec-files": gen_spec_files,
    "scenarios": gen_scenarios,
    "outcomes": gen_outcomes,
    "policies": gen_policies,
    "cli": gen_cli,
    "api": gen_api,
}

_cache: dict[str, str] = {}


def generated(name: str) -> str:
    if name not in GENERATORS:
        raise KeyError(f"unknown generated section {name!r}; known: {', '.join(GENERATORS)}")
    if name not in _cache:
        _cache[name] = GENERATORS[name]()
    return _cache[name]


# -- MkDocs events ----------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    try:
        import meritsim  # noqa: F401
    except ImportError as exc:  # pragma: no cover - a message for people, not a test
        raise SystemExit(
            f"the documentation is generated from meritsim, which cannot be imported ({exc}); "
            "build it with the project's environment: make docs, or .venv/bin/mkdocs build"
        ) from None


def on_pre_build(config) -> None:
    _cache.clear()  # `mkdocs serve` rebuilds: generate again


def on_page_markdown(markdown: str, page, config, files) -> str:
    return MARKER.sub(lambda m: generated(m.group(1)), markdown)
