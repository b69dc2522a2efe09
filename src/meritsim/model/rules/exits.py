"""Leaving the service: retirement at BUP, voluntary attrition, dismissal, a PPPK contract's end."""

from __future__ import annotations

import numpy as np

from meritsim.model import kernels, split
from meritsim.model.establishment import Establishment
from meritsim.model.ranking import where
from meritsim.model.scenario.schema import Exits
from meritsim.model.streams import Dice
from meritsim.model.workforce import Workforce

RETIREMENT, ATTRITION, DISMISSAL, SANCTION = "retirement", "attrition", "dismissal", "sanction"
REASONS = (RETIREMENT, ATTRITION, DISMISSAL, SANCTION)
CONTRACT_END = "contract_end"  # a PPPK contract not renewed (meritsim.model.pppk decides)


def quit_dates(dice: Dice, keys: np.ndarray, start: np.ndarray, rate: float) -> np.ndarray:
    """Dates of voluntary exit: each person's exponential waiting time at ``rate`` per year from
    ``start``."""
    if rate <= 0:
        return np.full(start.shape, np.inf)
    with np.errstate(over="ignore"):  # a tiny rate: no quit within any run (inf)
        return start + dice.exponential(keys) / rate


def update_exit_dates(wf: Workforce, org: Establishment, rows: np.ndarray) -> None:
    """Set ``exit_at`` of ``rows``: the earliest of retirement at their BUP, quitting and the end
    of a PPPK contract."""
    exit_at = np.minimum(wf.born[rows] + org.bup(wf, rows), wf.quit_at[rows])
    if org.pppk:  # a PNS's contract_end (NO_CONTRACT) lies past any retirement
        exit_at = np.minimum(exit_at, wf.contract_end[rows] / 12)
    wf.exit_at[rows] = exit_at


def due_exits(wf: Workforce, org: Establishment, date: float, cfg: Exits) -> dict[str, np.ndarray]:
    """Rows leaving at ``date``, by reason (each row under one reason); under ``CONTRACT_END`` the
    PPPK whose contract ends now, who leave unless it is renewed."""
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.phases import exits_due

        until = date + 1e-9
        due = where(split.joined_spans(lambda s: exits_due(wf.level[s], wf.exit_at[s], until), len(wf)))
    else:
        due = where(wf.active & (wf.exit_at <= date + 1e-9))
    retiring = wf.born[due] + org.bup(wf, due) <= date + 1e-9
    out = {RETIREMENT: due[retiring], ATTRITION: due[~retiring]}
    contract = due[:0]
    if org.pppk:
        rest = out[ATTRITION]
        quitting = wf.quit_at[rest] <= date + 1e-9
        out[ATTRITION], contract = rest[quitting], rest[~quitting]
    if cfg.min_competence is None:
        out[DISMISSAL] = due[:0]
    else:
        low = wf.active & (wf.competence < cfg.min_competence)
        low[due] = False
        out[DISMISSAL] = where(low)
    out[CONTRACT_END] = contract
    return out
