"""Completion statistics: every read takes the viewer's scope, and every published figure
goes through one disclosure control (`disclosure.protected_figures`), so no door can
forget either.

What is counted
- One row per learner and course: the *current* enrolment (re-certification archives the
  old one), so nobody counts twice.
- An enrolment belongs to one institution: where the learner was when they completed
  (`Enrolment.completion_institution`), otherwise where they are now. People move; their
  completions stay with the institution that trained them.
- A period (from, to) takes the enrolments open during it: enrolled before its end and not
  completed before its start. Started and completed count what happened before its end.
- Figures are aggregated in the database (GROUP BY a prefix of the institution's
  materialised path), a bounded number of queries whatever the number of institutions.

Who sees what (`StatsScope`)
- Administrators (Role.ADMINISTRATOR, superusers): everything, exact.
- Institution managers and ministry analysts: the subtrees of their role assignments, and
  only *protected* figures, whatever institution they belong to or manage. Whether a cell
  is hidden depends on the people in it, never on who asks.
- Per-person lists (`people_not_completed`) are an operational list for managers within
  their subtrees, not statistics; no figure, export or API answer lists persons.

The package, by concern:
- `scope`: who sees what (StatsScope), the institutions and courses one may filter by;
- `filters`: what a read asks for (StatsFilters), periods snapped to whole months;
- `figures`: one row of figures (Figures), their labels, and K (min_cell);
- `queries`: the exact figures, aggregated in the database;
- `disclosure`: the one disclosure control every published figure goes through;
- `tables`: the public reads (summary and breakdowns), cached per scope and filters;
- `people`: the per-person list for managers;
- `trainings`, `gain`, `surveys`: training figures (trainings held, participations, people
  trained, completions), knowledge gain (pre/post tests) and survey results, each a
  `disclosure.Source` protected by the same control, read by the same scope and filters;
- `compliance`: one training plan's people compliant, due, overdue and expired, as of the
  end of the period, another `Source`.
Other modules import from `stats.selectors`, which re-exports the public names.
"""

from .compliance import (
    COMPLIANCE_BREAKDOWNS,
    COMPLIANCE_FIELDS,
    COMPLIANCE_LABELS,
    ComplianceFigures,
    as_of,
    compliance_breakdown,
    compliance_plan,
    compliance_summary,
    plans_for_stats,
)
from .figures import (
    COUNT_FIELDS,
    FIGURE_FIELDS,
    FIGURE_LABELS,
    HIDEABLE,
    KEY_HEADINGS,
    SUPPRESSED,
    Figures,
    min_cell,
)
from .filters import StatsFilters, effective_filters, whole_months
from .gain import GAIN_BREAKDOWNS, GAIN_FIELDS, GAIN_LABELS, gain_breakdown, gain_summary
from .people import PersonOutstanding, people_not_completed
from .queries import quiz_result_model
from .scope import (
    OutOfScope,
    StatsScope,
    courses_for_stats,
    institution_in_scope,
    institutions_in_scope,
    stats_scope_for,
)
from .surveys import SURVEY_FIELDS, SURVEY_LABELS, survey_stats, surveys_for_stats
from .tables import (
    STATS_VIEWS,
    focus_institution,
    stats_by_institution,
    stats_by_month,
    stats_by_profession,
    stats_by_region,
    stats_by_sex,
    stats_summary,
)
from .trainings import (
    TRAINING_BREAKDOWNS,
    TRAINING_FIELDS,
    TRAINING_LABELS,
    training_breakdown,
    training_summary,
)

__all__ = [
    "COMPLIANCE_BREAKDOWNS",
    "COMPLIANCE_FIELDS",
    "COMPLIANCE_LABELS",
    "ComplianceFigures",
    "as_of",
    "compliance_breakdown",
    "compliance_plan",
    "compliance_summary",
    "plans_for_stats",
    "COUNT_FIELDS",
    "FIGURE_FIELDS",
    "FIGURE_LABELS",
    "GAIN_BREAKDOWNS",
    "GAIN_FIELDS",
    "GAIN_LABELS",
    "SURVEY_FIELDS",
    "SURVEY_LABELS",
    "TRAINING_BREAKDOWNS",
    "TRAINING_FIELDS",
    "TRAINING_LABELS",
    "gain_breakdown",
    "gain_summary",
    "survey_stats",
    "surveys_for_stats",
    "training_breakdown",
    "training_summary",
    "HIDEABLE",
    "KEY_HEADINGS",
    "STATS_VIEWS",
    "SUPPRESSED",
    "Figures",
    "OutOfScope",
    "PersonOutstanding",
    "StatsFilters",
    "StatsScope",
    "courses_for_stats",
    "effective_filters",
    "focus_institution",
    "institution_in_scope",
    "institutions_in_scope",
    "min_cell",
    "people_not_completed",
    "quiz_result_model",
    "stats_by_institution",
    "stats_by_month",
    "stats_by_profession",
    "stats_by_sex",
    "stats_by_region",
    "stats_scope_for",
    "stats_summary",
    "whole_months",
]
