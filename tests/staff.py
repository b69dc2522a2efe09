"""A small workforce built by hand for rule tests: who, where, and how long."""

from __future__ import annotations

import numpy as np

from meritsim.model.establishment import Establishment
from meritsim.model.scenario.domain import BAIK, EDUCATION_INDEX, RANK_INDEX
from meritsim.model.workforce import Workforce


def staff(
    org: Establishment, level_key: str, rank_code: str, education_code: str, n: int = 1, *,
    age: float = 40.0, years_in_post: float = 4.0, years_of_service: float = 15.0, **fields: object,
) -> Workforce:  # fmt: skip
    """``n`` people at date 0 in ``level_key`` at ``rank_code`` with ``education_code``: ``age``
    years old, ``years_in_post`` in rank and post, two Baik years; ``fields`` overwrite arrays."""
    wf = Workforce.empty(n)
    wf.key[:] = np.arange(n, dtype=np.uint32)
    wf.level[:] = org.keys.index(level_key)
    wf.rank[:] = RANK_INDEX[rank_code]
    wf.education[:] = EDUCATION_INDEX[education_code]
    wf.born[:] = -age
    wf.rank_since[:] = wf.post_since[:] = -years_in_post
    wf.service_since[:] = -years_of_service
    wf.skp[:, :2] = BAIK
    for key, value in fields.items():
        getattr(wf, key)[:] = value
    wf.good_record[:] = org.record_ok(wf, np.arange(n))
    return wf
