"""Findings written from the numbers, honestly: every finding carries its 95 % confidence
interval, a difference whose interval spans zero is "no clear difference", a report from fewer
than :data:`FEW` replications says so first, and the findings cover every row of the table they
follow."""

from __future__ import annotations

import math

import pandas as pd

from meritsim.workbench.charts.labels import label
from meritsim.workbench.vocabulary import number, percent, scenario_label, term

#: fewer replications than this and a report warns that its intervals are wide and unstable
FEW = 10
_UNITS = {"%": ("poin", "points"), "points": ("poin", "points"), "years": ("tahun", "years"),
          "per year": ("per tahun", "per year"), "index 0-400": ("poin indeks", "index points")}  # fmt: skip


def _t(lang: str, id: str, en: str) -> str:
    return id if lang == "id" else en


def clear(low: float, high: float) -> bool:
    """Whether an interval lies wholly on one side of zero."""
    return not (math.isnan(low) or math.isnan(high)) and (low > 0 or high < 0)


def ci(low: float, high: float, lang: str, digits: int = 2, sign: bool = True) -> str:
    """A 95 % CI in words: "IK 95 % −0,61 s.d. −0,39" (none from one replication)."""
    if math.isnan(low) or math.isnan(high):
        return _t(lang, "IK 95 % tidak tersedia (satu replikasi)", "no 95 % CI (one replication)")
    low_s, high_s = number(low, lang, digits, sign), number(high, lang, digits, sign)
    return _t(lang, f"IK 95 % {low_s} s.d. {high_s}", f"95 % CI {low_s} to {high_s}")


def verdict(low: float, high: float, lang: str, more: str = "", less: str = "") -> str:
    """ "no clear difference" unless the interval excludes zero."""
    if not clear(low, high):
        return _t(lang, "tidak ada perbedaan yang jelas", "no clear difference")
    if low > 0:
        return more or _t(lang, "lebih tinggi dengan jelas", "clearly higher")
    return less or _t(lang, "lebih rendah dengan jelas", "clearly lower")


def replication_warning(replications: int, lang: str) -> str:
    """A warning for fewer than :data:`FEW` replications (empty otherwise)."""
    if replications >= FEW:
        return ""
    return _t(
        lang,
        f"> **Perhatian:** hanya {replications} replikasi. Interval kepercayaan dari kurang dari {FEW} "
        "replikasi lebar dan tidak stabil; anggap temuan ini indikatif dan ulangi dengan minimal "
        f"{FEW} replikasi (mis. `-p replications 30`).",
        f"> **Caution:** only {replications} replications. Confidence intervals from fewer than {FEW} "
        f"replications are wide and unstable; treat these findings as indicative and rerun with at "
        f"least {FEW} (e.g. `-p replications 30`).",
    )


def unit_word(outcome: str, lang: str) -> str:
    from meritsim.model.outcomes import OUTCOMES

    unit = OUTCOMES[outcome].unit if outcome in OUTCOMES else ""
    words = _UNITS.get(unit)
    return "" if words is None else words[0 if lang == "id" else 1]


def comparison_findings(
    comparison: pd.DataFrame, outcomes: list[str], lang: str, digits: int = 2
) -> list[str]:
    """One line per row of the comparison table for ``outcomes``: the baseline's mean with its CI,
    then every other run's paired difference with its CI and verdict."""
    lines = []
    for outcome in outcomes:
        rows = comparison[comparison["outcome"] == outcome]
        if rows.empty:
            continue
        unit = unit_word(outcome, lang)
        lines.append(f"\n**{label(outcome, lang)}**")
        for r in rows.itertuples():
            name = scenario_label(r.scenario, lang)
            mean = f"{number(r.mean, lang, digits)} ({ci(r.ci_low, r.ci_high, lang, digits, sign=False)})"
            if r.scenario == r.baseline or math.isnan(r.diff):
                lines.append(f"- **{name}**: {_t(lang, 'rata-rata', 'mean')} {mean}")
                continue
            base = scenario_label(r.baseline, lang)
            diff = f"{number(r.diff, lang, digits, sign=True)} {unit}".rstrip()
            lines.append(
                f"- **{name}**: {mean}; {_t(lang, 'selisih dari', 'difference from')} {base} {diff} "
                f"({ci(r.diff_ci_low, r.diff_ci_high, lang, digits)}): "
                f"{verdict(r.diff_ci_low, r.diff_ci_high, lang)}."
            )
    return lines


def followed_finding(outcomes: pd.DataFrame, lang: str) -> str:
    """The share of the supervisor's recommendations followed in each run (mean over
    replications), beside KASN's reported 88 %; empty when no run had a recommendation."""
    followed = outcomes.groupby("scenario", sort=False)["recommendations_followed_share"].mean().dropna()
    if followed.empty:
        return ""
    shares = ", ".join(f"{scenario_label(s, lang)} {number(100 * v, lang, 0)} %" for s, v in followed.items())
    return _t(
        lang,
        f"Porsi rekomendasi pengawas yang ditindaklanjuti: {shares} "
        "(KASN melaporkan 88 % pada pertengahan 2024).",
        f"Share of the supervisor's recommendations followed: {shares} (KASN reported 88 % in mid-2024).",
    )


def gain_findings(gains: pd.DataFrame, lang: str) -> list[str]:
    """One line per hypothesis x strategy of the Peter-principle table: gain, CI and verdict."""
    lines = []
    for r in gains.itertuples():
        what = verdict(r.ci_low, r.ci_high, lang, _t(lang, "naik dengan jelas", "a clear rise"),
                       _t(lang, "turun dengan jelas", "a clear fall"))  # fmt: skip
        lines.append(
            f"- {_t(lang, 'hipotesis', 'hypothesis')} **{term(r.hypothesis, lang)}**, "
            f"{_t(lang, 'strategi', 'strategy')} **{term(r.strategy, lang)}**: "
            f"{number(r.gain, lang, 1, sign=True)} {_t(lang, 'poin', 'points')} "
            f"({ci(r.ci_low, r.ci_high, lang, 1)}): {what}."
        )
    return lines


def effect_findings(regression: pd.DataFrame, lang: str) -> list[str]:
    """One line per outcome x term of a regression table: coefficient, CI and whether the effect is clear."""
    lines = []
    for r in regression[regression["term"] != "Intercept"].itertuples():
        sure = clear(r.ci_low, r.ci_high)
        what = _t(lang, "pengaruh yang jelas", "a clear effect") if sure else _t(
            lang, "tidak ada pengaruh yang jelas", "no clear effect")  # fmt: skip
        lines.append(
            f"- **{label(r.outcome, lang)}** ← {term(r.term, lang)}: {_t(lang, 'koefisien', 'coefficient')} "
            f"{number(r.coef, lang, 3, sign=True)} ({ci(r.ci_low, r.ci_high, lang, 3)}): {what}."
        )
    return lines


def robustness_findings(robustness: pd.DataFrame, lang: str) -> list[str]:
    """One line per policy x outcome: where in the assumption space merit wins, the spread of its
    advantage and the assumption that decides it."""
    lines = []
    for r in robustness.itertuples():
        other = term(r.policy, lang)
        p05, p95 = number(r.advantage_p05, lang, 2, True), number(r.advantage_p95, lang, 2, True)
        spread = f"{p05} {_t(lang, 's.d.', 'to')} {p95}"
        mean = f"{number(r.mean_advantage, lang, 2, True)}"
        pct = f"{number(r.mean_advantage_pct, lang, 1, True)} %"
        lines.append(_t(
            lang,
            f"- **merit vs {other}** ({label(r.outcome, lang).lower()}): merit unggul di "
            f"{percent(r.share_merit_wins, lang)} dari {r.points} titik ruang asumsi, jelas unggul di "
            f"{percent(r.share_merit_wins_clearly, lang)}, sedangkan {other} jelas unggul di "
            f"{percent(r.share_policy_wins_clearly, lang)}. Keunggulan rata-rata "
            f"{mean} poin ({pct}), "
            f"persentil 5–95: {spread} poin. Asumsi penentu: **{term(r.decided_by, lang)}**.",
            f"- **merit vs {other}** ({label(r.outcome, lang).lower()}): merit does better at "
            f"{percent(r.share_merit_wins, lang)} of {r.points} points of the assumption space, clearly at "
            f"{percent(r.share_merit_wins_clearly, lang)}, while {other} clearly does better at "
            f"{percent(r.share_policy_wins_clearly, lang)}. Mean advantage "
            f"{mean} points ({pct}), "
            f"5th-95th percentile: {spread} points. Deciding assumption: **{term(r.decided_by, lang)}**.",
        ))  # fmt: skip
    return lines


def decomposition_findings(decomposition: pd.DataFrame, lang: str) -> list[str]:
    """The advantage with every mechanism on, then one line per mechanism: its contribution, CI
    and verdict."""
    lines = []
    for r in decomposition.itertuples():
        policy, against = term(r.policy, lang), term(r.against, lang)
        if math.isnan(r.contribution):
            lines.append(_t(
                lang,
                f"- Dengan semua mekanisme aktif, keunggulan {policy} atas {against}: "
                f"{number(r.advantage, lang, 2, True)} poin ({ci(r.ci_low, r.ci_high, lang)}): "
                f"{verdict(r.ci_low, r.ci_high, lang, 'keunggulan yang jelas', 'kalah dengan jelas')}.",
                f"- With every mechanism on, {policy}'s advantage over {against}: "
                f"{number(r.advantage, lang, 2, True)} points ({ci(r.ci_low, r.ci_high, lang)}): "
                f"{verdict(r.ci_low, r.ci_high, lang, 'a clear advantage', 'a clear disadvantage')}.",
            ))  # fmt: skip
            continue
        what = verdict(r.contribution_ci_low, r.contribution_ci_high, lang,
                       _t(lang, "menambah keunggulan dengan jelas", "clearly adds to the advantage"),
                       _t(lang, "mengurangi keunggulan dengan jelas", "clearly reduces it"))  # fmt: skip
        lines.append(
            f"- {term(r.variant, lang)}: {_t(lang, 'kontribusi', 'contribution')} "
            f"{number(r.contribution, lang, 2, True)} {_t(lang, 'poin', 'points')} "
            f"({ci(r.contribution_ci_low, r.contribution_ci_high, lang)}): {what}."
        )
    return lines
