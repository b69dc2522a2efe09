"""Reports: check a notebook's parameters, execute it with papermill, export offline HTML.

The HTML report hides code by default (and the cells tagged ``notebook-only``, which speak to
someone editing the notebook); every chart shown with :func:`meritsim.workbench.notebook.show`
becomes an interactive Vega-Lite view, with Vega's JavaScript inlined once (no CDN). The title
of the report's header becomes the page's ``<title>``; progress bars and warnings are left out.
The notebook's tables go to an Excel workbook beside the HTML (``notebook.keep_tables``).
"""

from __future__ import annotations

import ast
import difflib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from meritsim.model.scenario.yaml_io import shorten
from meritsim.workbench.checks import LISTS, check
from meritsim.workbench.notebook import CHART_DIR_ENV, CHART_MIME, REPORT_DIR_ENV, REPORT_NAME_ENV, TITLE_MIME

NOTEBOOKS = Path(str(resources.files("meritsim") / "_notebooks"))  # the repository's notebooks/
KERNEL = "meritsim"  # the kernel the notebooks ask for; python3 when it is not installed
HIDDEN_TAG = "notebook-only"
_PROGRESS_MIME = "application/vnd.jupyter.widget-view+json"
TEMPLATE = Path(__file__).resolve().parent / "templates" / "offline.html.j2"
TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,), "list": (list, tuple),
         "dict": (dict,)}  # fmt: skip
EXAMPLES = {"int": "4", "float": "0.5", "bool": "true", "list": '"[merit, lottery]"', "dict": '"{a: 1}"'}


class ReportError(RuntimeError):
    """A report that could not be made; the message says why and where."""


@dataclass
class Report:
    """What a report run wrote."""

    notebook: Path
    html: Path
    charts: list[Path]


def locate_notebook(ref: str | Path) -> Path:
    """A notebook path, or the name of a notebook in notebooks/ (``merit_vs_nonmerit``)."""
    path = Path(ref)
    for candidate in (path, NOTEBOOKS / path, NOTEBOOKS / f"{ref}.ipynb"):
        if candidate.is_file() and candidate.suffix == ".ipynb":
            return candidate
    names = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    close = difflib.get_close_matches(str(ref), names, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ReportError(f"no notebook {str(ref)!r}.{hint} Notebooks: {', '.join(names)}")


def parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """The notebook's parameters (papermill's reading of its ``parameters`` cell): name ->
    {type, default (the value), help}."""
    import papermill

    found = papermill.inspect_notebook(str(notebook))
    out = {}
    for name, p in found.items():
        try:
            default = ast.literal_eval(p["default"])
        except (ValueError, SyntaxError):
            default = p["default"]
        out[name] = {"type": p["inferred_type_name"], "default": default, "help": p["help"]}
    return out


def check_parameters(notebook: Path, given: dict[str, Any]) -> dict[str, Any]:
    """Refuse unknown or ill-typed parameters (papermill only warns) and check the scenario
    parameters against the schema; returns the full parameter set."""
    declared = parameters(notebook)
    problems = []
    for name, value in given.items():
        if name not in declared:
            close = difflib.get_close_matches(name, list(declared), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            problems.append(f"unknown parameter {name!r}.{hint} Parameters: {', '.join(declared)}")
            continue
        kind = declared[name]["type"]
        ok = kind not in TYPES or (isinstance(value, TYPES[kind]) and not (
            isinstance(value, bool) and kind in ("int", "float")))  # fmt: skip
        if not ok:
            example = f'"{LISTS[name]}"' if kind == "list" and name in LISTS else EXAMPLES.get(kind, "")
            problems.append(
                f"parameter {name!r} must be {kind}, got {shorten(repr(value))} ({type(value).__name__})"
                + (f"; write it like -p {name} {example}" if example else "")
            )
    if problems:
        raise ReportError(f"{notebook.name}: " + "; ".join(problems))
    full = {name: p["default"] for name, p in declared.items()} | given
    try:
        check(**full)
    except ValueError as exc:
        raise ReportError(f"{notebook.name}: {exc}") from None
    return full


def _kernel_manager() -> type:
    """A kernel manager whose kernel logs errors only: a report's console shows no kernel warning
    (such as "Kernel is running over TCP without encryption", about a local kernel)."""
    from jupyter_client import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            return super().format_kernel_cmd([*(extra_arguments or []), "--IPKernelApp.log_level=ERROR"])

    return QuietKernelManager


def kernel_name() -> str:
    """``meritsim`` when that kernel is installed (``python -m ipykernel install --user --name
    meritsim``, or the one shipped in the environment), else ``python3``."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KERNEL if KERNEL in KernelSpecManager().find_kernel_specs() else "python3"


def run_report(
    notebook: str | Path, params: dict[str, Any], out: str | Path, *, show_code: bool = False,
    progress: bool = False,
) -> Report:  # fmt: skip
    """Check, execute (papermill, with a bar over the cells when ``progress``) and export
    ``notebook`` into ``out``: the executed notebook, an HTML report, the notebook's tables as an
    Excel workbook and CSV files, and every chart as PNG and SVG (``out/charts``). On failure the
    partly executed notebook is kept and the error names the failing cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = locate_notebook(notebook)
    full = check_parameters(source, params)
    out = Path(out)
    charts = out / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    executed = out / source.name
    given = {k: v for k, v in params.items() if k in full}
    env = {
        CHART_DIR_ENV: str(charts.resolve()),
        REPORT_DIR_ENV: str(out.resolve()),
        REPORT_NAME_ENV: source.stem,
    }
    before = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        papermill.execute_notebook(
            str(source), str(executed), parameters=given, kernel_name=kernel_name(),
            cwd=str(source.parent), progress_bar=progress, kernel_manager_class=_kernel_manager(),
        )  # fmt: skip
    except PapermillExecutionError as exc:
        raise ReportError(
            f"{source.name}: cell {exc.cell_index} (execution count {exc.exec_count}) failed with "
            f"{exc.ename}: {exc.evalue}. The partly executed notebook is {executed}"
        ) from None
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    html = export_html(executed, out / f"{source.stem}.html", show_code=show_code)
    return Report(executed, html, sorted(charts.glob("*.*")))


def _embed(spec: dict, div: str) -> str:
    payload = json.dumps(spec).replace("</", "<\\/")
    return (
        f'<div id="{div}" class="meritsim-chart"></div>\n<script type="text/javascript">'
        f'vegaEmbed("#{div}", {payload}, {{"actions": false}}).catch(console.error);</script>'
    )


def export_html(notebook: Path, html: Path, *, show_code: bool = False) -> Path:
    """Write an offline HTML report of an executed notebook (code hidden unless ``show_code``)."""
    import nbformat
    import vl_convert
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    if not show_code:
        nb.cells = [c for c in nb.cells if HIDDEN_TAG not in c.get("metadata", {}).get("tags", [])]
    nb.metadata.pop("widgets", None)
    n, lang = 0, "en"
    for cell in nb.cells:
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if output.get("name") == "stderr" or _PROGRESS_MIME in data:
                continue  # progress bars and warnings
            if TITLE_MIME in data:
                nb.metadata["title"] = data[TITLE_MIME]["title"]
                lang = data[TITLE_MIME].get("lang", lang)
                del data[TITLE_MIME]
            chart = data.get(CHART_MIME)
            if chart:
                n += 1
                output["data"] = {"text/html": _embed(chart["spec"], f"chart-{n}")}
            kept.append(output)
        if cell.cell_type == "code":
            cell.outputs = kept
    exporter = HTMLExporter(template_name="lab", template_file=str(TEMPLATE), exclude_input=not show_code,
                            exclude_input_prompt=True, exclude_output_prompt=True)  # fmt: skip
    exporter.language_code = lang
    body, _ = exporter.from_notebook_node(nb)
    bundle = vl_convert.javascript_bundle()  # type: ignore[call-arg]  # its stub omits snippet's default
    script = bundle.replace("</script", "<\\/script")
    body = body.replace("</head>", f'<script type="text/javascript">{script}</script>\n</head>', 1)
    html.write_text(body, encoding="utf-8")
    return html
