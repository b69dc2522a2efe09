"""The year end's tallies of the workforce: per level and for the whole service, in a few passes
over everyone (compiled for a very large workforce, :mod:`meritsim.model.kernels`; the same
numbers either way)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meritsim.model import kernels
from meritsim.model.ranking import where
from meritsim.model.rules import talent
from meritsim.model.rules.kkn import working_competence
from meritsim.model.scenario.domain import RANKS
from meritsim.model.scenario.schema import Scenario
from meritsim.model.workforce import PNS, PPPK_PART_TIME, Workforce

OLDEST = 200  # ages are tallied in completed years up to this

#: the names of :func:`level_sums`: counts, then sums
COUNTS = ("head", "head_f", "high", "pppk", "part_time")
SUMS = ("competence", "competence_f", "born", "post_since", "fit_gap")


def level_sums(wf: Workforce, n: int, high: float) -> dict[str, np.ndarray]:
    """Per level (``n``): heads (of women, of high performers with competence >= ``high``, of
    PPPK, of part-time PPPK) and the sums of competence (of women), birth and appointment dates
    and job-fit gaps, each summed in row order."""
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.record import level_sums as compiled

        counts, sums = compiled(
            wf.level, n, wf.competence, wf.female, wf.born, wf.post_since, wf.fit_gap, float(high),
            wf.employment,
        )  # fmt: skip
        return dict(zip(COUNTS + SUMS, [*counts, *sums], strict=True))
    bins = leaver_last(wf, n)

    def per_level(weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(bins, weights=weights, minlength=n + 1)[:n]

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(bins[mask], minlength=n + 1)[:n]

    comp = wf.competence
    return {
        "head": per_level().astype(np.int64),
        "head_f": count(wf.female),
        "high": count(comp >= high),
        "pppk": count(wf.employment != PNS),
        "part_time": count(wf.employment == PPPK_PART_TIME),
        "competence": per_level(comp),
        "competence_f": per_level(comp * wf.female),
        "born": per_level(wf.born),
        "post_since": per_level(wf.post_since),
        "fit_gap": per_level(wf.fit_gap),
    }


def leaver_last(wf: Workforce, n: int) -> np.ndarray:
    """Each row's level, leavers in a last bin ``n``."""
    return np.where(wf.active, wf.level, n).astype(np.intp)


@dataclass(frozen=True)
class ServiceCounts:
    """What :func:`service_counts` tallies of those in service."""

    ranks: np.ndarray  # heads by rank
    at_age: np.ndarray  # heads by completed years of age, 0 .. OLDEST
    boxes: np.ndarray  # heads by 9-box (0 = not placed)
    per_unit: np.ndarray  # heads by unit
    pool: np.ndarray  # per level: talent-pool holders
    irregular: np.ndarray  # per level: irregular holders
    working: np.ndarray  # per level: competence put to work
    assessed_valid: int  # how many hold a valid assessment


def service_counts(
    wf: Workforce, n: int, date: float, scenario: Scenario, pppk: bool, units: int
) -> ServiceCounts:
    """Of those in service: heads by rank, by completed years of age (``at_age``, 0 .. OLDEST),
    by 9-box and by unit; per level, talent-pool and irregular holders and the competence put to
    work (lowered by low motivation; part-time PPPK at their effort); how many hold a valid
    assessment."""
    kkn, demotivation = scenario.kkn, scenario.mechanisms.demotivation
    effort = scenario.pppk.part_time_effort
    part_time = pppk and effort < 1
    valid_for = scenario.assessment.valid_years - 1e-9
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.record import service_counts as compiled

        ranks, at_age, boxes, per_unit, pool, irregular, working, valid = compiled(
            wf.level, n, wf.rank, len(RANKS), wf.born, float(date), OLDEST, wf.box, wf.unit, units,
            wf.irregular, wf.assessed_at, valid_for, wf.competence, wf.motivation, demotivation,
            float(kkn.performance_effect), wf.employment, part_time, float(effort), talent.TALENT_POOL,
        )  # fmt: skip
        return ServiceCounts(ranks, at_age, boxes, per_unit, pool, irregular, working, int(valid))
    act = where(wf.active)
    level = wf.level[act]
    age = np.floor(date - wf.born[act]).astype(np.int64)  # completed years
    weights = working_competence(wf, slice(None), kkn, demotivation)
    if part_time:  # part-time PPPK work part of a post
        weights = weights * np.where(wf.employment == PPPK_PART_TIME, effort, 1.0)
    with np.errstate(invalid="ignore"):  # never assessed: nan, not valid
        valid = int(np.count_nonzero(date - wf.assessed_at[act] < valid_for))
    return ServiceCounts(
        ranks=np.bincount(wf.rank[act], minlength=len(RANKS)),
        at_age=np.bincount(np.clip(age, 0, OLDEST), minlength=OLDEST + 1),
        boxes=np.bincount(wf.box[act], minlength=10),
        per_unit=np.bincount(wf.unit[act], minlength=units),
        pool=np.bincount(level[talent.in_talent_pool(wf, act)], minlength=n),
        irregular=np.bincount(level[wf.irregular[act]], minlength=n),
        working=np.bincount(leaver_last(wf, n), weights=weights, minlength=n + 1)[:n],
        assessed_valid=valid,
    )
