"""The model against BKN's statistics, for people: each figure named in Indonesian or English, the
table of model vs statistic with its error and tolerance, and the findings (how many are within,
which were fitted and which are out-of-sample checks).

Reads the table of :func:`meritsim.study.history.validate_history` (``HistoryCheck.table``).
"""

from __future__ import annotations

import pandas as pd

from meritsim.workbench.vocabulary import check_lang, number, term

_WORDS = """
PNS ; PNS ; PNS
PPPK ; PPPK ; PPPK
ASN ; ASN ; ASN
structural_posts ; Jabatan struktural ; Structural posts
total ; jumlah ; total
retirements ; pensiun per tahun ; retirements per year
central ; instansi pusat ; central agencies
regional ; instansi daerah ; regional agencies
female ; perempuan ; women
upto_30 ; usia ≤ 30 ; aged 30 or under
31_40 ; usia 31–40 ; aged 31–40
41_50 ; usia 41–50 ; aged 41–50
51_60 ; usia 51–60 ; aged 51–60
0_10 ; masa kerja 0–10 tahun ; 0–10 years of service
11_20 ; masa kerja 11–20 tahun ; 11–20 years of service
21_30 ; masa kerja 21–30 tahun ; 21–30 years of service
over_30 ; masa kerja > 30 tahun ; over 30 years of service
bachelor_plus ; S1 ke atas ; bachelor or higher
diploma ; diploma ; diploma
school ; sekolah (SD–SLTA) ; school (SD–SLTA)
functional ; fungsional ; functional
pelaksana ; pelaksana ; pelaksana
structural ; struktural ; structural
percent ; % ; %
persons ; orang ; persons
posts ; jabatan ; posts
persons_per_year ; orang/tahun ; persons/year
points ; poin ; points
input ; masukan ; input
calibrated ; dikalibrasi ; calibrated
check ; uji di luar sampel ; out-of-sample check
figure ; Angka ; Figure
date ; Tanggal ; Date
model ; Model ; Model
statistic ; Statistik BKN ; BKN statistic
error ; Galat ; Error
error_unit ; Satuan galat ; Error unit
tolerance ; Toleransi ; Tolerance
within ; Dalam toleransi ; Within tolerance
role ; Peran ; Role
replication ; Replikasi ; Replication
lower_bound ; batas bawah ; lower bound
weak ; lemah ; weak
"""
WORDS: dict[str, tuple[str, str]] = {
    k: (i, e) for k, i, e in (row.split(" ; ") for row in _WORDS.strip().splitlines())
}
#: the columns of :func:`validation_table`, in order
COLUMNS = ("figure", "date", "model", "statistic", "error", "error_unit", "tolerance", "within", "role")


def word(key: object, lang: str) -> str:
    """The word for ``key`` (a population, category, unit or role) in ``lang``, or the key."""
    check_lang(lang)
    pair = WORDS.get(str(key))
    return str(key) if pair is None else pair[0 if lang == "id" else 1]


def figure(row: pd.Series | dict, lang: str) -> str:
    """What a row counts, for people: "PNS, usia 31–40 (%)", "Jabatan struktural, eselon II (%)"."""
    population, dimension, category = str(row["population"]), str(row["dimension"]), str(row["category"])
    if dimension in ("total", "retirements"):
        what = word(dimension, lang)
    elif dimension in ("golongan", "eselon"):
        what = f"{dimension} {category}"
    else:
        what = word(category, lang)
    unit = "%" if row["unit"] == "percent" else word(row["unit"], lang)
    return f"{word(population, lang)}, {what} ({unit})"


def _named(row: pd.Series, lang: str) -> str:
    """The figure's name, marked when its statistic is weak."""
    return figure(row, lang) + (f" [{word('weak', lang)}]" if row["weak"] else "")


def validation_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The comparison as a report shows it: one row per figure, in the table's order, with its
    name, date, model and statistic (rounded: counts to whole people, shares to 0.1 point), the
    error in its unit, the tolerance, whether it is within and the figure's role."""
    check_lang(lang)
    rows = []
    for _, r in table.iterrows():
        count = r["unit"] != "percent"
        digits = 0 if count else 1
        bound = r["relation"] == "more_than"
        rows.append({
            "figure": _named(r, lang),
            "date": str(r["date"]),
            "model": number(r["model"], lang, digits),
            "statistic": ("> " if bound else "") + number(r["statistic"], lang, digits),
            "error": number(r["error"], lang, 1, sign=True),
            "error_unit": word(r["error_unit"], lang),
            "tolerance": word("lower_bound", lang) if bound else f"± {number(r['tolerance'], lang, 0)}",
            "within": term(bool(r["within"]), lang),
            "role": word(r.get("role", "check"), lang),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    return out.rename(columns={c: word(c, lang) for c in COLUMNS})


def replications_table(runs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each replication's own figures (``HistoryCheck.replications``) as a report's workbook keeps
    them: the figure named and the headers in ``lang`` like :func:`validation_table`, the numbers
    left as numbers (to be recomputed or charted)."""
    check_lang(lang)
    out = pd.DataFrame({
        "figure": [_named(r, lang) for _, r in runs.iterrows()],
        "date": runs["date"].astype(str),
        "replication": runs["replication"],
        "model": runs["model"],
        "statistic": runs["statistic"],
        "error": runs["error"],
        "error_unit": runs["error_unit"].map(lambda u: word(u, lang)),
        "tolerance": runs["tolerance"],
        "within": runs["within"].map(lambda w: term(bool(w), lang)),
    })  # fmt: skip
    return out.rename(columns={c: word(c, lang) for c in out.columns})


def validation_findings(table: pd.DataFrame, lang: str) -> list[str]:
    """Markdown lines: how many figures are within their tolerance, by role, and each miss with
    its error (a weak statistic said so)."""
    check_lang(lang)
    within, n = int(table.within.sum()), len(table)
    lines = [
        f"- **{within} dari {n}** angka dalam toleransinya (jumlah ± 3 %, porsi ± 3 poin)."
        if lang == "id"
        else f"- **{within} of {n}** figures within their tolerance (totals ± 3 %, shares ± 3 points)."
    ]
    roles = table.get("role", pd.Series("check", index=table.index))
    for name in ("input", "calibrated", "check"):
        part = table[roles == name]
        if part.empty:
            continue
        k, m = int(part.within.sum()), len(part)
        lines.append(
            f"- {word(name, lang).capitalize()}: {k} dari {m} dalam toleransi."
            if lang == "id"
            else f"- {word(name, lang).capitalize()}: {k} of {m} within tolerance."
        )
    for _, r in table[~table.within.astype(bool)].iterrows():
        unit, digits = word(r["error_unit"], lang), 1 if r["unit"] == "percent" else 0
        weak = (" (statistik lemah)" if lang == "id" else " (a weak statistic)") if r["weak"] else ""
        lines.append(
            f"- {'Meleset' if lang == 'id' else 'Missed'}: {figure(r, lang)}, {r['date']}: model "
            f"{number(r['model'], lang, digits)}, {'statistik' if lang == 'id' else 'statistic'} "
            f"{number(r['statistic'], lang, digits)}, {'galat' if lang == 'id' else 'error'} "
            f"{number(r['error'], lang, 1, sign=True)} {unit}{weak}."
        )
    return lines


def glossary(lang: str) -> str:
    """The glossary of a validation report (Markdown)."""
    check_lang(lang)
    items = {
        "id": [
            "## Glosarium",
            "- **Statistik BKN**: angka yang diterbitkan BKN (params/statistics/); angka yang tidak "
            "diterbitkan tidak diperkirakan.",
            "- **Galat**: model dikurangi statistik; untuk porsi dalam poin persentase, untuk jumlah "
            "dalam persen dari statistik. **Toleransi**: jumlah ± 3 %, porsi ± 3 poin (isu #12).",
            "- **Masukan**: angka yang dipakai untuk membangun awal simulasi atau lini masanya; "
            "kecocokannya menguji konsistensi, bukan daya ramal.",
            "- **Dikalibrasi**: angka yang dipakai untuk menyetel parameter bebas (mis. formasi CPNS); "
            "cocok karena disetel (di dalam sampel).",
            "- **Uji di luar sampel**: angka yang tidak dipakai sama sekali; hanya angka inilah yang "
            "menguji model.",
            "- **Proyeksi mundur** (*backcast*): tenaga kerja awal 2019 disusun sehingga, empat tahun "
            "kemudian, yang masih bekerja memiliki sebaran BKN 30 Jun 2023 (asumsi).",
            "- **Statistik lemah**: dari sumber sekunder atau tunggal; dibandingkan dengan batas yang "
            "lebih longgar.",
        ],
        "en": [
            "## Glossary",
            "- **BKN statistic**: a figure BKN published (params/statistics/); figures that are not "
            "published are not estimated.",
            "- **Error**: model minus statistic; in percentage points for shares, in percent of the "
            "statistic for totals. **Tolerance**: totals ± 3 %, shares ± 3 points (issue #12).",
            "- **Input**: a figure the start or the timeline is built from; meeting it tests "
            "consistency, not prediction.",
            "- **Calibrated**: a figure a free parameter (e.g. CPNS formations) was tuned to; it fits "
            "because it was tuned (in-sample).",
            "- **Out-of-sample check**: a figure not used at all; only these test the model.",
            "- **Backcast**: the 2019 start is built so that, four years on, those still in service "
            "have BKN's June 2023 distributions (an assumption).",
            "- **Weak statistic**: from a secondary or single source; compared with a looser bound.",
        ],
    }[lang]
    return "\n".join(items)
