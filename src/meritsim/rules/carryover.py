"""Competence after promotion: from the Peter hypothesis (redrawn) to common sense (kept)."""

from __future__ import annotations

import numpy as np

from meritsim.params.schema import Carryover, TruncatedNormal
from meritsim.sampling import truncated_normal


def carry_over(
    competence: np.ndarray, cfg: Carryover, dist: TruncatedNormal, rng: np.random.Generator
) -> np.ndarray:
    """New competence: ``(1 - s) * (old + U(change_min, change_max)) + s * redraw``, clipped to
    the distribution's range; ``s = redraw_share`` (1 = Peter, 0 = common sense)."""
    n = competence.size
    kept = competence + rng.uniform(cfg.change_min, cfg.change_max, n)
    s = cfg.redraw_share
    if s > 0:
        kept = (1 - s) * kept + s * truncated_normal(rng, dist, n)
    return np.clip(kept, dist.min, dist.max)
