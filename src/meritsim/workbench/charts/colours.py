"""One colour per policy in every chart: merit is always blue, seniority always orange, and so
on, whichever policies a chart shows and in whatever order. Runs that are not a policy (or several
runs of one policy) take the next free colours of :data:`OTHERS`."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

from meritsim.workbench.vocabulary import policy_of, scenario_label

#: the shared policy colour scale
POLICY_COLOURS: dict[str, str] = {
    "merit": "#1f77b4",
    "seniority": "#ff7f0e",
    "patronage": "#d62728",
    "lottery": "#7f7f7f",
    "hybrid": "#2ca02c",
    "best": "#17becf",
    "worst": "#8c564b",
    "random": "#bcbd22",
    "alternate": "#9467bd",
}
OTHERS = ("#e377c2", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d")


def colours(scenarios: Iterable[str]) -> list[str]:
    """The colour of each run, in order: its policy's when it is the only run of that policy."""
    names = list(dict.fromkeys(scenarios))
    policies = [policy_of(s) for s in names]
    spare = iter([c for c in OTHERS + tuple(POLICY_COLOURS.values())])
    used: set[str] = set()
    out = []
    for p in policies:
        colour = POLICY_COLOURS.get(p) if policies.count(p) == 1 else None
        if colour is None or colour in used:
            colour = next(c for c in spare if c not in used and c not in _taken(policies))
        used.add(colour)
        out.append(colour)
    return out


def _taken(policies: list[str]) -> set[str]:
    return {POLICY_COLOURS[p] for p in policies if p in POLICY_COLOURS and policies.count(p) == 1}


def policy_scale(scenarios: Iterable[str], lang: str) -> alt.Scale:
    """A colour scale over the runs' labels (as :func:`scenario_label` writes them) with each
    run's colour from :func:`colours`."""
    names = list(dict.fromkeys(scenarios))
    return alt.Scale(domain=[scenario_label(s, lang) for s in names], range=colours(names))
