"""Competence after promotion: from the Peter hypothesis (redrawn) to common sense (kept)."""

from __future__ import annotations

import numpy as np

from meritsim.model.sampling import truncated_normal
from meritsim.model.scenario.schema import Carryover, TruncatedNormal
from meritsim.model.streams import Dice


def carry_over(
    competence: np.ndarray, keys: np.ndarray, cfg: Carryover, dist: TruncatedNormal, dice: Dice,
    potential: np.ndarray | None = None,
) -> np.ndarray:  # fmt: skip
    """New competence: ``(1 - s) * (old + U(change_min, change_max)) + s * redraw``, clipped to
    the distribution's range; ``s = redraw_share`` (1 = Peter, 0 = common sense). Each person draws
    their own change; with ``potential``, the kept part shifts by ``potential_effect x (2 potential
    - 1)``."""
    u = dice.uniform(keys)
    kept = competence + cfg.change_min + u * (cfg.change_max - cfg.change_min)
    if potential is not None and cfg.potential_effect:  # high potential carries competence better
        kept += cfg.potential_effect * (2 * potential - 1)
    s = cfg.redraw_share
    if s > 0:
        kept = (1 - s) * kept + s * truncated_normal(dice, keys, dist, draw=1)
    return np.clip(kept, dist.min, dist.max)
