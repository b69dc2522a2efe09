"""The outcome registry: every outcome of a replication declared once.

An :class:`Outcome` has a name, an Indonesian and an English label, a unit, how it is computed
from one replication's yearly and org tables (over a window of years after a warm-up), whether
comparisons report it and whether it is a headline. The summary table, the comparison, chart
labels, the command line's headlines and the documentation's outcome table are all generated from
:data:`OUTCOMES`.

With ``warmup=K`` the window is years K+1 .. Y: flows (promotions, exits, first posts) and means
over time are taken over the window; "initial" values are those of year K, "final" values those
of year Y.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

KEYS = ["scenario", "replication"]


@dataclass(frozen=True)
class Window:
    """One replication's rows: ``start`` (year = warm-up), ``last`` (final year), ``years`` (the
    org rows of the window) and ``flows`` (per-year sums of the per-level flows in the window)."""

    start: pd.Series
    last: pd.Series
    years: pd.DataFrame
    flows: pd.DataFrame

    @property
    def n(self) -> int:
        return len(self.years)

    def per_year(self, column: str) -> float:
        return float(self.years[column].sum() / self.n)

    def share(self, part: float, whole: float) -> float:
        return float(part / whole) if whole else np.nan


@dataclass(frozen=True)
class Outcome:
    """An outcome: labels, unit, computation and its role in comparisons and headlines."""

    name: str
    label_id: str
    label_en: str
    unit: str
    compute: Callable[[Window], float]
    compared: bool = True
    headline: bool = False

    def label(self, lang: str) -> str:
        return self.label_id if lang == "id" else self.label_en


def _promotion_gap(w: Window) -> float:
    """Promotions per 100 staff per year, women minus men."""
    f = w.flows

    def per_100(promotions: float, headcount: float) -> float:
        return 100 * promotions / headcount if headcount else np.nan

    women = per_100(f.promotions_in_female.sum(), f.headcount_female.sum())
    men = per_100((f.promotions_in - f.promotions_in_female).sum(), (f.headcount - f.headcount_female).sum())
    return women - men


def _added(frame: pd.DataFrame | pd.Series, column: str) -> pd.Series | float:
    """A column added after 0.3.0 (PPPK), or nan in tables written before it (resumed chunks)."""
    return frame.get(column, np.nan)


def _per_year_added(w: Window, column: str) -> float:
    values = _added(w.years, column)
    return float(values.sum() / w.n) if isinstance(values, pd.Series) else np.nan


def _renewal_share(w: Window) -> float:
    renewed, ended = _added(w.years, "contract_renewals"), _added(w.years, "contract_ends")
    if not isinstance(renewed, pd.Series) or not isinstance(ended, pd.Series):
        return np.nan
    return w.share(renewed.sum(), renewed.sum() + ended.sum())


_O = Outcome
REGISTRY: tuple[Outcome, ...] = (
    _O(
        "effectiveness_initial",
        "Efektivitas awal (%)",
        "Effectiveness at the start (%)",
        "%",
        lambda w: w.start.effectiveness,
        compared=False,
        headline=True,
    ),
    _O(
        "effectiveness_final",
        "Efektivitas akhir (%)",
        "Effectiveness at the end (%)",
        "%",
        lambda w: w.last.effectiveness,
        headline=True,
    ),
    _O(
        "effectiveness_mean",
        "Efektivitas rata-rata (%)",
        "Effectiveness, mean over the years (%)",
        "%",
        lambda w: w.years.effectiveness.mean(),
        headline=True,
    ),
    _O(
        "effectiveness_gain",
        "Kenaikan efektivitas (poin %)",
        "Effectiveness gain (% points)",
        "points",
        lambda w: w.last.effectiveness - w.start.effectiveness,
    ),
    _O(
        "senior_competence_initial",
        "Kompetensi pejabat senior, awal",
        "Senior competence at the start",
        "competence",
        lambda w: w.start.senior_competence,
        compared=False,
    ),
    _O(
        "senior_competence_final",
        "Kompetensi pejabat senior, akhir",
        "Competence of the top two levels at the end",
        "competence",
        lambda w: w.last.senior_competence,
        headline=True,
    ),
    _O(
        "senior_competence_mean",
        "Kompetensi pejabat senior, rata-rata",
        "Competence of the top two levels, mean",
        "competence",
        lambda w: w.years.senior_competence.mean(),
    ),
    _O(
        "mean_competence_final",
        "Kompetensi seluruh pegawai, akhir",
        "Mean competence of all staff at the end",
        "competence",
        lambda w: w.last.mean_competence,
    ),
    _O(
        "promotions_per_year",
        "Promosi jabatan per tahun",
        "Promotions to posts per year",
        "per year",
        lambda w: w.per_year("promotions"),
        headline=True,
    ),
    _O(
        "rank_promotions_per_year",
        "Kenaikan pangkat per tahun",
        "Rank promotions per year",
        "per year",
        lambda w: w.per_year("rank_promotions"),
        headline=True,
    ),
    _O(
        "exits_per_year",
        "Pegawai keluar per tahun",
        "Exits per year",
        "per year",
        lambda w: w.per_year("exits"),
        headline=True,
    ),
    _O(
        "hires_per_year",
        "Rekrutmen (CPNS dan PPPK) per tahun",
        "Hires per year",
        "per year",
        lambda w: w.per_year("hires"),
        compared=False,
    ),
    _O(
        "mean_years_to_first_post",
        "Masa kerja saat promosi pertama (tahun)",
        "Years of service at first promotion",
        "years",
        lambda w: w.share(w.years.years_to_first_post_sum.sum(), w.years.first_posts.sum()),
        headline=True,
    ),
    _O(
        "mean_years_to_first_structural_post",
        "Masa kerja saat jabatan struktural pertama (tahun)",
        "Years of service at first structural post",
        "years",
        lambda w: w.share(w.years.years_to_first_structural_sum.sum(), w.years.first_structural_posts.sum()),
    ),
    _O(
        "equity_gap_sex",
        "Selisih promosi P − L (per 100 pegawai/tahun)",
        "Promotion gap W − M (per 100 staff/year)",
        "per 100 staff per year",
        _promotion_gap,
    ),
    _O(
        "female_senior_gap",
        "Selisih porsi perempuan di puncak (poin %)",
        "Women's share gap at the top (% points)",
        "points",
        lambda w: 100 * (w.last.female_share_senior - w.last.female_share),
    ),
    _O(
        "vacancy_rate_final",
        "Tingkat kekosongan jabatan, akhir",
        "Share of posts vacant at the end",
        "share",
        lambda w: w.share(w.last.vacancies, w.last.posts),
    ),
    _O(
        "irregular_share",
        "Porsi pengangkatan tidak wajar",
        "Share of appointments obtained irregularly",
        "share",
        lambda w: w.share(w.years.irregular_appointments.sum(), w.years.appointments.sum()),
    ),
    _O(
        "detected_per_year",
        "Kasus terdeteksi per tahun",
        "Irregular appointments detected per year",
        "per year",
        lambda w: w.per_year("detected"),
    ),
    _O(
        "irregular_holders_final",
        "Pemegang jabatan tidak wajar, akhir",
        "Irregular post holders at the end",
        "people",
        lambda w: int(w.last.irregular_holders),
    ),
    _O(
        "supervised_selections_per_year",
        "Seleksi terbuka yang diawasi per tahun",
        "Open selections supervised per year",
        "per year",
        lambda w: w.per_year("supervised_selections"),
        compared=False,
    ),
    _O(
        "recommendations_per_year",
        "Rekomendasi pengawas per tahun",
        "Supervisor's recommendations per year",
        "per year",
        lambda w: w.per_year("recommendations"),
    ),
    _O(
        "recommendations_followed_share",
        "Porsi rekomendasi yang ditindaklanjuti",
        "Share of recommendations followed",
        "share",
        lambda w: w.share(w.years.recommendations_followed.sum(), w.years.recommendations.sum()),
        compared=False,
    ),
    _O(
        "shielded_per_year",
        "Temuan yang dilindungi intervensi politik per tahun",
        "Findings shielded by political interference per year",
        "per year",
        lambda w: w.per_year("supervision_shielded"),
        compared=False,
    ),
    _O(
        "passed_over_per_year",
        "Berkinerja tinggi yang dilewati per tahun",
        "High performers passed over per year",
        "per year",
        lambda w: w.per_year("passed_over"),
    ),
    _O(
        "training_cost_per_year",
        "Belanja diklat per tahun (juta Rp)",
        "Training spend per year (million Rp)",
        "million Rp per year",
        lambda w: w.per_year("training_cost"),
    ),
    _O(
        "talent_pool_share_final",
        "Porsi kelompok rencana suksesi, akhir",
        "Share of staff in the talent pool at the end",
        "share",
        lambda w: w.share(w.last.talent_pool, w.last.headcount),
    ),
    _O(
        "merit_index_final",
        "Indeks sistem merit (0-400), akhir",
        "Merit-system index (0-400) at the end",
        "index 0-400",
        lambda w: w.last.merit_index,
    ),
    _O(
        "merit_index_mean",
        "Indeks sistem merit (0-400), rata-rata",
        "Merit-system index (0-400), mean",
        "index 0-400",
        lambda w: w.years.merit_index.mean(),
    ),
    _O(
        "workload_balance_final",
        "Keseimbangan beban kerja antarunit, akhir",
        "Workload balance across units at the end",
        "share (1 = even)",
        lambda w: w.last.workload_balance,
    ),
    _O(
        "bribes_paid_per_year",
        "Suap dibayar per tahun (juta Rp)",
        "Bribes paid per year (million Rp)",
        "million Rp per year",
        lambda w: w.per_year("bribes_paid"),
        compared=False,
    ),
    _O(
        "sanctions_per_year",
        "Sanksi per tahun",
        "Sanctions per year",
        "per year",
        lambda w: w.per_year("sanctions"),
        compared=False,
    ),
    _O(
        "headcount_final",
        "Jumlah pegawai, akhir",
        "Headcount at the end",
        "people",
        lambda w: int(w.last.headcount),
        compared=False,
    ),
    _O(
        "female_share_final",
        "Porsi perempuan, akhir",
        "Share of women at the end",
        "share",
        lambda w: w.last.female_share,
        compared=False,
    ),
    _O(
        "female_share_senior_final",
        "Porsi perempuan di dua jenjang teratas, akhir",
        "Women in the top two levels at the end",
        "share",
        lambda w: w.last.female_share_senior,
        compared=False,
        headline=True,
    ),
    _O(
        "pppk_share_final",
        "Porsi PPPK, akhir",
        "Share of PPPK at the end",
        "share",
        lambda w: w.share(_added(w.last, "headcount_pppk"), w.last.headcount),
        compared=False,
    ),
    _O(
        "pppk_hires_per_year",
        "Rekrutmen PPPK per tahun",
        "PPPK hires per year",
        "per year",
        lambda w: _per_year_added(w, "hires_pppk"),
        compared=False,
    ),
    _O(
        "contract_ends_per_year",
        "Kontrak PPPK berakhir (tidak diperpanjang) per tahun",
        "PPPK contracts ended (not renewed) per year",
        "per year",
        lambda w: _per_year_added(w, "contract_ends"),
        compared=False,
    ),
    _O(
        "contract_renewal_share",
        "Porsi kontrak PPPK yang diperpanjang",
        "Share of PPPK contracts renewed",
        "share",
        _renewal_share,
        compared=False,
    ),
)
OUTCOMES: dict[str, Outcome] = {o.name: o for o in REGISTRY}
COMPARED: list[str] = [o.name for o in REGISTRY if o.compared]
HEADLINES: list[str] = [o.name for o in REGISTRY if o.headline]


def outcomes(yearly: pd.DataFrame, org: pd.DataFrame, warmup: int = 0) -> pd.DataFrame:
    """One row per scenario x replication with identity columns and every registered outcome."""
    flows = yearly.groupby([*KEYS, "year"], sort=True)[
        ["promotions_in", "promotions_in_female", "headcount", "headcount_female"]
    ].sum()
    rows = []
    for (scenario, rep), g in org.groupby(KEYS, sort=False):
        g = g.sort_values("year")
        last_year = int(g.year.max())
        if warmup >= last_year:
            raise ValueError(f"warm-up of {warmup} years leaves no years to measure ({last_year})")
        window = g[g.year > warmup]
        w = Window(
            g[g.year == warmup].iloc[0], g.iloc[-1], window, flows.loc[(scenario, rep)].loc[window.year]
        )
        row = {
            "scenario": scenario,
            "replication": int(rep),
            "policy": g.policy.iloc[0],
            "policy_final": w.last.policy,
            "years": last_year,
            "warmup": warmup,
        }
        rows.append(row | {o.name: o.compute(w) for o in REGISTRY})
    return pd.DataFrame(rows)


def outcome_table(lang: str = "en") -> pd.DataFrame:
    """The registry as a table (for the documentation and ``meritsim outcomes``)."""
    return pd.DataFrame(
        [
            {"outcome": o.name, "label": o.label(lang), "unit": o.unit, "compared": o.compared,
             "headline": o.headline}
            for o in REGISTRY
        ]
    )  # fmt: skip


#: outcomes for which higher is better, by which a robustness study judges who wins
ROBUST_OUTCOMES: tuple[str, ...] = (
    "effectiveness_mean",
    "effectiveness_final",
    "senior_competence_final",
    "mean_competence_final",
    "merit_index_mean",
)
