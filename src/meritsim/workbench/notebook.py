"""Helpers for the analysis notebooks: parameter checks, offline chart display, bilingual text."""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path
from typing import Any

from meritsim.api import load_scenario
from meritsim.model.scenario import Scenario
from meritsim.model.scenario.yaml_io import shorten

CHART_MIME = "application/vnd.meritsim.chart+json"
CHART_DIR_ENV = "MERITSIM_CHART_DIR"
LANGS = ("id", "en")


class ParameterError(ValueError):
    """A notebook parameter that is not allowed."""


def _require(ok: bool, name: str, value: Any, allowed: str) -> None:
    if not ok:
        raise ParameterError(f"parameter {name} = {shorten(repr(value))} is not allowed; {allowed}")


def check(
    *,
    lang: str = "id",
    replications: int = 1,
    years: int = 1,
    seed: int = 0,
    scenarios: list[str] | tuple[str, ...] = (),
    policies: list[str] | tuple[str, ...] = (),
    overrides: list[str] | tuple[str, ...] = (),
) -> list[Scenario]:
    """Validate the common notebook parameters; returns the scenarios loaded through the schema
    (a typo in a name, a key or a value fails here, loudly, with the file and field).

    With ``policies``, every scenario is combined with every policy; the runs are named by the
    policy (one scenario) or ``scenario/policy`` (several)."""
    _require(lang in LANGS, "lang", lang, f"use one of {', '.join(LANGS)}")
    for name, value, low, high in (("replications", replications, 1, 10_000), ("years", years, 1, 200),
                                   ("seed", seed, 0, 2**63 - 1)):  # fmt: skip
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        _require(ok, name, value, f"use a whole number from {low} to {high}")
    for name, value in (("scenarios", scenarios), ("policies", policies), ("overrides", overrides)):
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        _require(ok, name, value, 'give a list of strings, like ["merit", "lottery"]')
    if not policies:
        return [load_scenario(s, list(overrides)) for s in scenarios]
    runs = []
    for s in scenarios:
        for p in policies:
            name = p if len(scenarios) == 1 else f"{Path(s).stem}/{p}"
            runs.append(load_scenario(s, [*overrides, f"policy.name={p}", f"name={name}"]))
    return runs


def text(lang: str, *, id: str, en: str) -> str:
    """The Indonesian or English version of a sentence."""
    _require(lang in LANGS, "lang", lang, f"use one of {', '.join(LANGS)}")
    return id if lang == "id" else en


def compact_png(png: bytes, colors: int = 128) -> bytes:
    """The PNG with a palette of ``colors`` colours: charts have few, and the notebook stays small
    enough to commit (about 8 times smaller than vl-convert's RGBA output)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=colors)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def show(chart: Any, name: str) -> None:
    """Display an Altair chart as a PNG (offline, no CDN) and keep its spec for interactive
    reports; when ``$MERITSIM_CHART_DIR`` is set (by `meritsim report`) also save it there as
    ``NAME.png`` and ``NAME.svg``."""
    from IPython.display import display

    from meritsim.workbench.charts import to_png, to_svg

    shown = base64.b64encode(compact_png(to_png(chart, scale=1))).decode()
    display({"image/png": shown, CHART_MIME: {"name": name, "spec": chart.to_dict()}}, raw=True)
    folder = os.environ.get(CHART_DIR_ENV)
    if folder:
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.png").write_bytes(to_png(chart, scale=2))
        (out / f"{name}.svg").write_text(to_svg(chart), encoding="utf-8")
