"""The model against BKN's published statistics: model vs statistic, the error and its tolerance.

:func:`compare` takes the model's people at a date (:func:`meritsim.model.record.people`) and the
statistics (:func:`meritsim.model.scenario.statistics.load_statistics`) and returns one row per
published figure the model can be compared on: shares of PNS by age band, years-of-service band,
education group, sex, jabatan type, agency (central or regional, where the levels say) and golongan
(in percent; the error in percentage points) and,
for a scenario that models the whole national PNS, totals (the error in % of the statistic).
:func:`compare_run` runs a scenario and compares it. The tolerances are issue #12's: totals
within 3 %, shares within 3 points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from meritsim.model.establishment import Establishment
from meritsim.model.scenario.domain import EDUCATION, RANKS
from meritsim.model.scenario.domain import golongan as golongan_of
from meritsim.model.scenario.organisation import Organisation
from meritsim.model.scenario.schema import Scenario
from meritsim.model.scenario.statistics import (
    CATEGORIES,
    COUNT_UNITS,
    EDUCATION_GROUPS,
    load_statistics,
    published,
    published_dates,
)
from meritsim.model.workforce import Workforce

SHARE_TOLERANCE = 3.0  # percentage points
TOTAL_TOLERANCE = 3.0  # percent of the statistic

assert set(EDUCATION_GROUPS) == set(EDUCATION), "every education code has a BKN group"

#: Structural levels of the bundled scenarios by eselon (UU 5/2014: JPT madya = eselon I ...), and
#: the national scenarios', of central (_pusat) and regional (_daerah) government; JPT utama is
#: counted with eselon I; eselon V (validation/national_2019) is its own.
ESELON: dict[str, str] = {"jpt_madya": "I", "jpt_pratama": "II", "administrator": "III", "pengawas": "IV"}
ESELON |= {f"{key}_{agency}": e for key, e in list(ESELON.items()) for agency in ("pusat", "daerah")}
ESELON["jpt_utama_pusat"] = "I"
ESELON |= {"eselon_v": "V", "eselon_v_pusat": "V", "eselon_v_daerah": "V"}

#: The columns of the comparison, in order.
COLUMNS: tuple[str, ...] = (
    "population", "dimension", "category", "date", "model", "statistic", "error", "error_unit",
    "unit", "tolerance", "within", "relation", "weak", "note",
)  # fmt: skip

#: How the model's people are put into BKN's categories, where that needs saying.
NOTES: dict[tuple[str, str], str] = {
    (
        "age",
        "51_60",
    ): "model: 51 and over (BKN's four bands cover all PNS; the model's staff over 60 count here)",
    ("age", "upto_30"): "model: 30 or under, in completed years",
    ("service", "0_10"): "model: 10 or fewer completed years of service",
    ("education", "bachelor_plus"): "model: D-IV, S1, S2, S3",
    ("education", "diploma"): "model: D-I, D-II, D-III",
    ("education", "school"): "model: SD, SLTP, SLTA",
}
ESELON_NOTE = (
    "model: holders of structural posts (eselon V only where the levels have it); statistic: share "
    "of posts, eselon V included"
)
PEOPLE_COLUMNS = ("age", "female", "education", "golongan", "level", "years_of_service")
GOLONGAN = ("I", "II", "III", "IV")


def staff(wf: Workforce, est: Establishment, date: float) -> pd.DataFrame:
    """The people in service at ``date`` with the columns :func:`compare` reads, as categoricals
    built from the workforce's codes (``employment``: PNS or PPPK): the same rows as
    :func:`meritsim.model.record.people`, at a fraction of its memory (the national PNS: 0.2 GB
    against a 2.3 GB peak)."""
    act = wf.active
    golongan = np.array([GOLONGAN.index(golongan_of(r)) for r in RANKS], np.int8)
    out = pd.DataFrame(
        {
            "age": date - wf.born[act],
            "female": wf.female[act],
            "education": pd.Categorical.from_codes(wf.education[act], categories=list(EDUCATION)),
            "golongan": pd.Categorical.from_codes(golongan[wf.rank[act]], categories=list(GOLONGAN)),
            "level": pd.Categorical.from_codes(wf.level[act], categories=list(est.keys)),
            "years_of_service": date - wf.service_since[act],
        }
    )
    employment = getattr(wf, "employment", None)  # PNS 0; PPPK full- or part-time otherwise
    if employment is not None:
        codes = (employment[act] != 0).astype(np.int8)
        out["employment"] = pd.Categorical.from_codes(codes, categories=["PNS", "PPPK"])
    return out


def whole_nation(scenario: Scenario, file_scale: float = 1.0) -> bool:
    """Whether ``scenario`` models the whole national PNS, so that its totals can be compared:
    a start synthesised from national figures whose headcount (posts x fill, at the scenario
    file's own ``file_scale``) is within 5 % of the PNS total published at the synthesis date."""
    spec = scenario.organisation.synthesis
    if spec is None or spec.area != "national":
        return False
    total = published("total", spec.date, population="PNS", area="national")
    if total.empty:
        return False
    people = file_scale * sum(lv.posts * lv.initial.fill for lv in scenario.organisation.levels.values())
    return abs(people / float(total.value.iloc[0]) - 1) <= 0.05


def jabatan_types(organisation: Organisation) -> dict[str, str]:
    """Each level's jabatan type as BKN counts them: ``functional`` (the functional track),
    ``pelaksana`` (family pelaksana, or an administrative entry level) or ``structural``."""
    types = {}
    for key, level in organisation.levels.items():
        if level.track == "functional":
            types[key] = "functional"
        elif level.family == "pelaksana" or (level.family != "structural" and not level.promotes_from):
            types[key] = "pelaksana"
        else:
            types[key] = "structural"
    return types


def _bands(values: pd.Series, uppers: Sequence[int], names: Sequence[str]) -> pd.Series:
    """Completed years into bands: ``<= uppers[0]``, ``<= uppers[1]``, ..., the rest in the last."""
    years = np.floor(values.to_numpy(dtype=float))
    index = np.searchsorted(np.asarray(uppers, dtype=float), years, side="left")
    return pd.Series(np.asarray(names, dtype=object)[index], index=values.index)


def agencies(organisation: Organisation) -> dict[str, str] | None:
    """Each level's agency (``central`` or ``regional``), or None unless every level says."""
    found = {key: level.agency for key, level in organisation.levels.items()}
    return None if any(a is None for a in found.values()) else {k: str(a) for k, a in found.items()}


def categories(
    people: pd.DataFrame, jabatan: Mapping[str, str] | None = None, agency: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Each person's BKN category in each dimension the model knows (``jabatan`` and ``eselon``
    only with a level -> jabatan type mapping, people outside structural posts having no eselon;
    ``agency`` only with a level -> agency mapping, :func:`agencies`)."""
    missing = [c for c in PEOPLE_COLUMNS if c not in people.columns]
    if missing:
        raise ValueError(
            f"the people table lacks column(s) {', '.join(missing)}: pass meritsim.model.record.people(...)"
        )
    out = pd.DataFrame(
        {
            "age": _bands(people.age, (30, 40, 50), CATEGORIES["age"]),
            "service": _bands(people.years_of_service, (10, 20, 30), CATEGORIES["service"]),
            "education": people.education.map(EDUCATION_GROUPS),
            "sex": np.where(people.female.to_numpy(dtype=bool), "female", "male"),
            "golongan": people.golongan,
        },
        index=people.index,
    )
    if jabatan is not None:
        unknown = sorted(set(people.level) - set(jabatan))
        if unknown:
            raise ValueError(f"no jabatan type for level(s) {', '.join(unknown)}: see jabatan_types()")
        out["jabatan"] = people.level.map(jabatan)
        out["eselon"] = people.level.map(ESELON).where(out.jabatan == "structural")
    if agency is not None:
        out["agency"] = people.level.map(agency)
    return out


def judge(model, statistic, error_unit, tolerance, relation) -> tuple[np.ndarray, np.ndarray]:
    """The error (model - statistic in ``points``, or in percent of the statistic) and whether
    it is within ``tolerance`` (for the lower bound ``more_than``: whether the model is above
    it); scalars or arrays alike."""
    model, statistic = np.asarray(model, float), np.asarray(statistic, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        error = np.where(
            np.asarray(error_unit) == "points", model - statistic, 100 * (model - statistic) / statistic
        )
    within = np.where(np.asarray(relation) == "more_than", model > statistic, np.abs(error) <= tolerance)
    return error, within


def simulated_years(org: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """The org rows whose flows the run simulated: year 0 only after a spin-up (its last year)."""
    spun_up = bool(scenario.history.years) and scenario.workforce is None
    return org[org.year >= (0 if spun_up else 1)]


def _row(stat: pd.Series, model: float, unit: str, tolerance: float, kind: str, note: str | None) -> dict:
    """One comparison row; ``kind`` is ``share`` (error in points) or ``total`` (error in %)."""
    statistic = float(stat["value"])
    error_unit = "points" if kind == "share" else "percent"
    error_, within_ = judge(model, statistic, error_unit, tolerance, stat["relation"])
    error, within = float(error_), bool(within_)
    if stat["relation"] == "more_than":
        tolerance = math.nan
    notes = [n for n in (stat["note"] if kind == "total" else None, note) if isinstance(n, str) and n]
    end = stat["date_end"] if isinstance(stat["date_end"], str) else None
    return {
        "population": stat["population"], "dimension": stat["dimension"], "category": stat["category"],
        "date": f"{stat['date']}/{end}" if end else stat["date"], "model": model, "statistic": statistic,
        "error": error, "error_unit": error_unit, "unit": unit, "tolerance": tolerance, "within": within,
        "relation": stat["relation"], "weak": bool(stat["weak"]), "note": "; ".join(notes) or None,
    }  # fmt: skip


def compare(
    people: pd.DataFrame, date: str, *, statistics: pd.DataFrame | None = None,
    jabatan: Mapping[str, str] | None = None, agency: Mapping[str, str] | None = None,
    weight: float = 1.0, totals: bool = False,
    org: pd.DataFrame | None = None, share_tolerance: float = SHARE_TOLERANCE,
    total_tolerance: float = TOTAL_TOLERANCE,
) -> pd.DataFrame:  # fmt: skip
    """The model's PNS at ``date`` (ISO) against the national statistics of that date.

    Args:
        people: the model's people in service at ``date`` (:func:`staff`, or
            :func:`meritsim.model.record.people`). With an ``employment`` column (``PNS`` or
            ``PPPK``, as :func:`staff` gives) the PNS figures are compared with the PNS alone and
            the PPPK and ASN totals with the PPPK and with everyone; without one, everyone is PNS.
        date: the date of the statistics to compare with (see
            :func:`meritsim.model.scenario.statistics.published_dates`).
        statistics: the tables (default: the bundled ones).
        jabatan: level -> jabatan type (:func:`jabatan_types`); without it jabatan and eselon
            are not compared.
        agency: level -> central or regional (:func:`agencies`); without it agencies are not
            compared.
        weight: real people one simulated person stands for (totals only): for ``national``
            run at ``organisation.scale=s``, 380 / s.
        totals: compare totals too (PNS, jabatan counts, structural posts, retirements). Only a
            scenario of the whole national PNS has comparable totals; a province is not the
            nation, but its shares may still be compared with the national ones.
        org: the run's org rows (one per year) over which the mean of ``retirements`` is compared
            with the published retirements per year (totals only); pass the years to average.

    Returns:
        One row per comparable figure, columns :data:`COLUMNS`: ``model`` and ``statistic`` in
        ``unit``, ``error`` = model - statistic in points for shares, and 100 x (model -
        statistic) / statistic in percent for totals; ``within`` whether ``|error| <= tolerance``
        (for the lower bound ``more_than``: whether the model is above it). Shares the model
        lacks a category for (e.g. central vs regional agency without ``agency``) are left out.
    """
    frame = load_statistics() if statistics is None else statistics
    dates = published_dates(statistics=frame)
    if date not in dates:
        raise ValueError(f"no published statistics at {date!r}; dates: {', '.join(dates)}")
    stats = frame[(frame.area == "national") & (frame.date == date) & frame.date_end.isna()]
    people_cats = categories(people, jabatan, agency)
    groups = {"PNS": people_cats}
    if "employment" in people.columns:  # PNS figures of PNS only; PPPK and ASN totals beside them
        pns = (people.employment == "PNS").to_numpy()
        groups = {"PNS": people_cats[pns], "PPPK": people_cats[~pns], "ASN": people_cats}
    if "jabatan" in people_cats:
        groups["structural_posts"] = groups["PNS"][groups["PNS"].jabatan == "structural"]
    rows = []
    for (population, dimension), group in stats.groupby(["population", "dimension"], sort=False):
        members = groups.get(str(population))
        if members is None or (dimension != "total" and dimension not in people_cats):
            continue  # PPPK and ASN only with an employment column; agencies only if the levels say
        if dimension == "total":
            note = "model: holders of structural posts" if population == "structural_posts" else None
            if totals:
                for _, stat in group.iterrows():
                    rows.append(
                        _row(stat, len(members) * weight, stat["unit"], total_tolerance, "total", note)
                    )
            continue
        counts = members[dimension].value_counts()
        n = len(members)
        is_count = group.unit.isin(COUNT_UNITS).all()
        complete = set(group.category) == set(CATEGORIES[str(dimension)])
        for _, stat in group.iterrows():
            share = 100 * counts.get(stat["category"], 0) / n if n else math.nan
            note = NOTES.get((str(dimension), str(stat["category"])))
            if dimension == "eselon":
                note = ESELON_NOTE
            if not is_count:
                rows.append(_row(stat, share, "percent", share_tolerance, "share", note))
                continue
            if complete:  # counts of every category: compare shares of their sum
                as_share = stat.copy()
                as_share["value"] = 100 * stat["value"] / group.value.sum()
                derived = "statistic: share of BKN's counts" + (f"; {note}" if note else "")
                rows.append(_row(as_share, share, "percent", share_tolerance, "share", derived))
            if totals:
                model = counts.get(stat["category"], 0) * weight
                rows.append(_row(stat, model, stat["unit"], total_tolerance, "total", note))
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    if totals and org is not None:
        flows = compare_flows(org, statistics=frame, weight=weight, total_tolerance=total_tolerance)
        table = pd.concat([table, flows], ignore_index=True) if len(flows) else table
    return table


def compare_flows(
    org: pd.DataFrame, *, statistics: pd.DataFrame | None = None, weight: float = 1.0,
    total_tolerance: float = TOTAL_TOLERANCE,
) -> pd.DataFrame:  # fmt: skip
    """The run's mean retirements per year (``org``, one row per simulated year) against the
    published national retirements (totals, columns :data:`COLUMNS`), over the simulated years
    in the statistic's period where there are some."""
    frame = load_statistics() if statistics is None else statistics
    rows = []
    if len(org) and "retirements" in org:
        flows = frame[(frame.area == "national") & (frame.dimension == "retirements")]
        for _, stat in flows.iterrows():
            years, note = _flow_years(org, stat)
            model = float(years["retirements"].mean()) * weight
            rows.append(_row(stat, model, stat["unit"], total_tolerance, "total", note))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _flow_years(org: pd.DataFrame, stat: pd.Series) -> tuple[pd.DataFrame, str]:
    """The simulated years a flow's statistic is compared over: those whose calendar year falls
    in the statistic's period, or every year given when none does (or calendar years are not
    known), with a note saying which."""
    if "calendar_year" in org:
        first, last = int(str(stat["date"])[:4]), int(str(stat["date_end"])[:4])
        inside = org[(org.calendar_year >= first) & (org.calendar_year <= last)]
        if len(inside):
            years = sorted(int(y) for y in inside.calendar_year)
            span = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
            return inside, f"model: mean over the simulated calendar year(s) {span}, within its period"
    return org, f"model: mean over {len(org)} simulated year(s)"


def compare_run(
    scenario: str | Path = "national", overrides: Sequence[str] = (), *, date: str = "2023-06-30",
    years: int = 0, replication: int = 0, seed: int | None = None, totals: bool | None = None,
    weight: float | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Run one replication of ``scenario`` for ``years`` and compare its people at the end with
    the statistics of ``date`` (:func:`compare`).

    ``totals`` defaults to whether the scenario models the whole national PNS
    (:func:`whole_nation`, e.g. the bundled ``national``); ``weight`` to the
    scenario file's own ``organisation.scale`` over the scale run (so ``national``, whose posts
    are the PNS of 2023 at scale 1, at ``organisation.scale=0.01`` stands for 100 PNS per
    simulated person).
    Retirements are compared over the simulated years (over year 0 too after a spin-up).
    """
    from meritsim.model.calendar import Simulation
    from meritsim.model.load import load_scenario
    from meritsim.model.scenario import read_scenario

    resolved = load_scenario(scenario, list(overrides))
    file_scale = read_scenario(scenario).organisation.scale
    if totals is None:
        totals = whole_nation(resolved, file_scale)
    if weight is None:
        weight = file_scale / resolved.organisation.scale if totals else 1.0
    sim = Simulation(resolved, replication, years=years, seed=seed)
    result = sim.run()
    org = simulated_years(result.org, resolved)
    return compare(
        staff(sim.wf, sim.est, float(sim.years)),  # PNS and PPPK told apart
        date,
        jabatan=jabatan_types(resolved.organisation),
        agency=agencies(resolved.organisation),
        weight=weight,
        totals=totals,
        org=org,
    )
