"""An observer that checks the invariants the engine relies on, after every phase."""

from __future__ import annotations

import numpy as np

from meritsim.model.rules.assessment import job_fit_gap
from meritsim.model.world import World

EPS = 1e-9


class InvariantError(AssertionError):
    """The engine broke one of its own invariants."""


class Invariants:
    """Pass to ``Simulation(..., observers=[Invariants()])``: after every phase and appointment,
    the headcount bookkeeping matches the workforce, no level holds more people than posts,
    every employee appears once, the summary columns match a fresh computation, and after the
    exit check nobody is past their post's BUP."""

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
        if event == "exits":
            due = wf.born[act] + est.retirement_age[wf.level[act]]
            self._require((due > w.date + EPS).all(), event, "someone is past retirement age after exits")
        self.checked += 1

    @staticmethod
    def _require(ok: bool, event: str, message: str) -> None:
        if not ok:
            raise InvariantError(f"after {event}: {message}")
