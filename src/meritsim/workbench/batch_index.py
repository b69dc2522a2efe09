"""The index of a batch: a styled page with one row per report, the headline numbers side by
side (merit against each other policy, with 95 % CIs), links, and a chart across reports; the same
table as ``index.xlsx``. Each report leaves its headline numbers in ``headline.json``."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from meritsim.workbench.findings import ci, verdict
from meritsim.workbench.vocabulary import number, scenario_label

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#222;max-width:1200px}
h1{font-size:1.6rem;margin-bottom:.2rem} .when{color:#666;margin-top:0}
table{border-collapse:collapse;margin:1rem 0;font-size:.92rem} th,td{padding:.45rem .7rem;text-align:left;
vertical-align:top;border-bottom:1px solid #ddd} th{background:#f3f5f8} tr:hover td{background:#fafbfc}
td.num{text-align:right;white-space:nowrap} .clear{font-weight:600} .unclear{color:#777}
.failed{color:#b00020} .note{color:#555;font-size:.88rem} a{color:#1f5fa8}
"""


def _t(lang: str, id: str, en: str) -> str:
    return id if lang == "id" else en


def read_headlines(folder: Path, keys: list[str]) -> pd.DataFrame:
    """Every report's headline rows (report, key, title, scenario, diff and its CI), in batch order."""
    rows = []
    for key in keys:
        path = folder / key / "headline.json"
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for r in data.get("rows", []):
            rows.append({"key": key, "report": data.get("title", key), **r})
    cols = ["key", "report", "scenario", "baseline", "mean", "diff", "diff_ci_low", "diff_ci_high"]
    return pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame(columns=cols)


def index_page(
    name: str, stamp: str, outcomes: list, headlines: pd.DataFrame, lang: str, chart_svg: str
) -> str:
    """The index page (HTML)."""
    others = list(dict.fromkeys(headlines["scenario"])) if len(headlines) else []
    head = [_t(lang, "Laporan", "Report"), _t(lang, "Status", "Status")]
    head += [f"{scenario_label(o, lang)} − merit" for o in others]
    rows = []
    for o in outcomes:
        link = (f'<a href="{html.escape(o.html.parent.name)}/{html.escape(o.html.name)}">'
                if o.html is not None else "")  # fmt: skip
        mine = headlines[headlines["key"] == o.key]
        title = mine["report"].iloc[0] if len(mine) else o.key
        cells = [f"<td>{link}{html.escape(str(title))}{'</a>' if link else ''}"
                 f"<br><span class='note'>{html.escape(o.key)}</span></td>"]  # fmt: skip
        if o.error:
            cells.append(
                f"<td class='failed'>{_t(lang, 'gagal', 'failed')}: {html.escape(o.error[:300])}</td>"
            )
        else:
            cells.append(f"<td>{_t(lang, 'selesai', 'done')}</td>")
        for other in others:
            r = mine[mine["scenario"] == other]
            if r.empty:
                cells.append("<td class='num'>–</td>")
                continue
            r = r.iloc[0]
            sure = verdict(r.diff_ci_low, r.diff_ci_high, lang)
            css = "unclear" if sure.startswith(("tidak ada", "no clear")) else "clear"
            value = number(r["diff"], lang, 2, sign=True)
            interval = html.escape(ci(r.diff_ci_low, r.diff_ci_high, lang))
            cells.append(
                f"<td class='num {css}'>{value}<br><span class='note'>{interval}<br>{sure}</span></td>"
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    note = _t(
        lang,
        "Angka: selisih efektivitas rata-rata (poin persentase) kebijakan lain dikurangi merit, dengan "
        "IK 95 % dari replikasi berpasangan; negatif berarti merit lebih baik.",
        "Numbers: mean effectiveness (percentage points) of the other policy minus merit's, with the 95 % "
        "CI over paired replications; negative means merit does better.",
    )
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(name)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(name)}</h1><p class='when'>{stamp}</p>"
        f"<table><tr>{''.join(f'<th>{html.escape(h)}</th>' for h in head)}</tr>{''.join(rows)}</table>"
        f"<p class='note'>{note}</p>{chart_svg}"
        f"<p class='note'>{_t(lang, 'Tabel ini juga ada di', 'This table is also in')} "
        f"<a href='index.xlsx'>index.xlsx</a>.</p></body></html>"
    )


def write_index(folder: Path, name: str, stamp: str, outcomes: list, lang: str = "id") -> Path:
    """Write ``index.html`` (and ``index.xlsx`` and the chart across reports when there are
    headline numbers) into the batch folder."""
    headlines = read_headlines(folder, [o.key for o in outcomes])
    svg = ""
    if len(headlines):
        from meritsim.workbench import charts
        from meritsim.workbench.tables import write_workbook

        chart = charts.across_reports(headlines, lang)
        svg = charts.to_svg(chart)
        (folder / "across_reports.svg").write_text(svg, encoding="utf-8")
        write_workbook(folder / "index.xlsx", {"comparison": headlines.drop(columns="key")}, lang)
    page = index_page(name, stamp, outcomes, headlines, lang, svg)
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
