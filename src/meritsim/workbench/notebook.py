"""Helpers for the analysis notebooks: parameter checks, offline chart display, bilingual text,
the report header and glossary, and tables kept beside a report."""

from __future__ import annotations

import base64
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from meritsim.model.scenario import Scenario
from meritsim.workbench.checks import ParameterError, check
from meritsim.workbench.paths import locate
from meritsim.workbench.vocabulary import LANGS

__all__ = ["CHART_MIME", "LANGS", "ParameterError", "check", "glossary", "header", "keep_tables", "locate",
           "show", "text"]  # fmt: skip

CHART_MIME = "application/vnd.meritsim.chart+json"
TITLE_MIME = "application/vnd.meritsim.title+json"
CHART_DIR_ENV = "MERITSIM_CHART_DIR"
REPORT_DIR_ENV = "MERITSIM_REPORT_DIR"
REPORT_NAME_ENV = "MERITSIM_REPORT_NAME"


def text(lang: str, *, id: str, en: str) -> str:
    """The Indonesian or English version of a sentence."""
    if lang not in LANGS:
        raise ParameterError(f"parameter lang = {lang!r} is not allowed; use one of {', '.join(LANGS)}")
    return id if lang == "id" else en


def header(notebook: str, lang: str, settings: dict, runs: Sequence[Scenario] = ()) -> None:
    """Display the report's header (title, settings, date, version, parameters hash); the title
    also becomes the HTML report's ``<title>``."""
    from IPython.display import display

    from meritsim.workbench import narrative

    title, markdown = narrative.header(notebook, lang, settings, runs)
    display({"text/markdown": markdown, TITLE_MIME: {"title": title, "lang": lang}}, raw=True)


def glossary(lang: str, policies: Sequence[str] = ()) -> None:
    """Display the glossary (efektivitas, kompetensi, the policies shown, 9 boxes, merit index, IK)."""
    from IPython.display import Markdown, display

    from meritsim.workbench.narrative import glossary as words

    display(Markdown(words(lang, policies)))


def keep_tables(sheets: dict[str, pd.DataFrame], lang: str, headline: dict | None = None) -> None:
    """When run by `meritsim report` (``$MERITSIM_REPORT_DIR`` set): write the sheets as an Excel
    workbook beside the HTML and as CSV files in ``tables/``; ``headline`` (the numbers a batch
    index compares) goes to ``headline.json``."""
    folder = os.environ.get(REPORT_DIR_ENV)
    if not folder:
        return
    from meritsim.workbench.tables import write_tables

    write_tables(folder, os.environ.get(REPORT_NAME_ENV, "report"), sheets, lang)
    if headline is not None:
        Path(folder, "headline.json").write_text(
            json.dumps(headline, default=str, indent=1), encoding="utf-8"
        )


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
