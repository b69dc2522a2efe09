"""Charts of meritsim outputs: pure functions DataFrame -> Altair chart, labelled in Indonesian or
English (outcome labels come from the outcome registry).

Every builder aggregates its input first (mean and 95 % t interval over replications), so the chart
data stays small. One colour per policy in every chart (:data:`POLICY_COLOURS`); runs are named
for people (policies translated); numbers follow the language (decimal comma in Indonesian).
``to_png``/``to_svg`` render offline.
"""

from meritsim.workbench.charts.colours import POLICY_COLOURS, colours, policy_scale
from meritsim.workbench.charts.comparisons import difference_forest, outcome_by_scenario
from meritsim.workbench.charts.labels import LABELS, LANGS, label
from meritsim.workbench.charts.levels import competence_by_level, senior_high_performers
from meritsim.workbench.charts.people import pyramid
from meritsim.workbench.charts.peter import peter_gains
from meritsim.workbench.charts.render import to_png, to_svg
from meritsim.workbench.charts.sensitivity import sensitivity_indices, tornado
from meritsim.workbench.charts.studies import across_reports, contributions
from meritsim.workbench.charts.talent import box_distribution
from meritsim.workbench.charts.time_series import effectiveness_over_time, flows
from meritsim.workbench.charts.validation import validation_errors, validation_totals

__all__ = [
    "LABELS",
    "LANGS",
    "POLICY_COLOURS",
    "across_reports",
    "box_distribution",
    "colours",
    "competence_by_level",
    "contributions",
    "difference_forest",
    "effectiveness_over_time",
    "flows",
    "label",
    "outcome_by_scenario",
    "peter_gains",
    "policy_scale",
    "pyramid",
    "senior_high_performers",
    "sensitivity_indices",
    "to_png",
    "to_svg",
    "tornado",
    "validation_errors",
    "validation_totals",
]
