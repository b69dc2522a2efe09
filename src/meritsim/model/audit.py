"""An observer that checks the invariants the engine relies on, after every phase."""

from __future__ import annotations

import numpy as np

from meritsim.model.rules.assessment import job_fit_gap
from meritsim.model.workforce import NO_CONTRACT, PNS, PPPK_PART_TIME
from meritsim.model.world import World

EPS = 1e-9


class InvariantError(AssertionError):
    """The engine broke one of its own invariants."""


class Invariants:
    """Pass to ``Simulation(..., observers=[Invariants()])``: after every phase and appointment,
    the headcount bookkeeping matches the workforce, no level holds more people than posts,
    every employee appears once, the summary columns match a fresh computation, PNS have no
    contract and PPPK one, no PPPK holds a post closed to them, and after the exit check nobody is
    past their retirement age (their post's BUP, or PPPK's own) and no PPPK's contract has run
    out."""

    def __init__(self) -> None:
        self.checked = 0

    def __call__(self, event: str, w: World) -> None:
        wf, est = w.wf, w.est
        act = wf.active
        counted = np.bincount(wf.level[act], minlength=est.n_levels)
        self._require((counted == w.headcount).all(), event, "headcount bookkeeping drifted")
        self._require(bool((counted <= est.posts).all()), event, "a level holds more people than posts")
        self._require(np.unique(wf.id).size == len(wf), event, "an employee appears twice")
        self._require((wf.good_record == est.record_ok(wf, np.arange(len(wf)))).all(), event,
                      "good_record is stale")  # fmt: skip
        rows = np.asarray(act).nonzero()[0]
        fresh_gap = job_fit_gap(wf, est, rows)
        self._require(np.allclose(wf.fit_gap[rows], fresh_gap, atol=1e-5), event, "fit_gap is stale")
        for cached, values in ((wf.assessed_level, np.mean), (wf.assessed_min, np.min)):
            fresh = values(wf.assessed_managerial, axis=1)
            self._require(
                np.allclose(cached, fresh, equal_nan=True, atol=1e-5), event, "an assessed summary is stale"
            )
        self._check_employment(event, w, rows)
        if event == "exits":
            due = wf.born[rows] + est.bup(wf, rows)
            self._require((due > w.date + EPS).all(), event, "someone is past retirement age after exits")
            ended = wf.contract_end[rows] <= w.month
            self._require(not ended.any(), event, "a PPPK contract ran out and neither ended nor was renewed")
        self.checked += 1

    def _check_employment(self, event: str, w: World, rows: np.ndarray) -> None:
        wf = w.wf
        kind, contract = wf.employment[rows], wf.contract_end[rows]
        known = (kind >= PNS) & (kind <= PPPK_PART_TIME)
        self._require(bool(known.all()), event, "an unknown employment type")
        pns = kind == PNS
        self._require(bool((contract[pns] == NO_CONTRACT).all()), event, "a PNS has a contract end")
        self._require(bool((contract[~pns] != NO_CONTRACT).all()), event, "a PPPK has no contract end")
        if not pns.all():
            self._require(w.est.pppk, event, "PPPK in a scenario that has none")
            closed = ~w.est.pppk_open[wf.level[rows[~pns]]]
            self._require(not closed.any(), event, "a PPPK holds a post closed to PPPK")

    @staticmethod
    def _require(ok: bool, event: str, message: str) -> None:
        if not ok:
            raise InvariantError(f"after {event}: {message}")
