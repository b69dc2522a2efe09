"""Leaving the service: retirement at BUP, voluntary attrition, dismissal."""

from __future__ import annotations

import numpy as np

from meritsim.model.establishment import Establishment
from meritsim.model.ranking import where
from meritsim.model.scenario.schema import Exits
from meritsim.model.streams import Dice
from meritsim.model.workforce import Workforce

RETIREMENT, ATTRITION, DISMISSAL, SANCTION = "retirement", "attrition", "dismissal", "sanction"
REASONS = (RETIREMENT, ATTRITION, DISMISSAL, SANCTION)


def quit_dates(dice: Dice, keys: np.ndarray, start: np.ndarray, rate: float) -> np.ndarray:
    """Dates of voluntary exit: each person's exponential waiting time at ``rate`` per year from
    ``start``."""
    if rate <= 0:
        return np.full(start.shape, np.inf)
    with np.errstate(over="ignore"):  # a tiny rate: no quit within any run (inf)
        return start + dice.exponential(keys) / rate


def update_exit_dates(wf: Workforce, org: Establishment, rows: np.ndarray) -> None:
    """Set ``exit_at`` of ``rows``: the earlier of retirement at their level's BUP and quitting."""
    retire = wf.born[rows] + org.retirement_age[wf.level[rows]]
    wf.exit_at[rows] = np.minimum(retire, wf.quit_at[rows])


def due_exits(wf: Workforce, org: Establishment, date: float, cfg: Exits) -> dict[str, np.ndarray]:
    """Rows leaving at ``date``, by reason (each row under one reason)."""
    active = wf.active
    due = where(active & (wf.exit_at <= date + 1e-9))
    retiring = wf.born[due] + org.retirement_age[wf.level[due]] <= date + 1e-9
    out = {RETIREMENT: due[retiring], ATTRITION: due[~retiring]}
    if cfg.min_competence is None:
        out[DISMISSAL] = due[:0]
    else:
        low = active & (wf.competence < cfg.min_competence)
        low[due] = False
        out[DISMISSAL] = where(low)
    return out
