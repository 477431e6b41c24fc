"""A learning history for the demo (`manage.py load_demo`): a few hundred demo learners
across the institution tree, with enrolments, lessons read, quiz attempts (passed and
failed) and certificates spread over the 18 whole months before the current one, so that
every demo role's statistics, reports and charts show real shapes.

Demo data, and marked as such: every learner's address is at `DEMO_LEARNER_DOMAIN`, has
no usable password (nobody signs in as them) and never receives mail (`.local`).

Deterministic: the people, their institutions and what they did come from a seeded
generator; only the calendar moves. The history ends with the month before the one the
command runs in, so it stays "the last 18 months" and nothing is dated in the future.

Idempotent: learners are looked up by address and updated in place. Their activity is
compared with the plan (counts and first and last dates); when it matches, nothing is
written. When it does not (a new month, another size, someone changed it) the demo
learners' activity, and only theirs, is deleted and written again.

Shaped for the disclosure control of `stats.selectors` (K = STATS_MIN_CELL people): real
training happens in cohorts, and so it does here. A cohort is people of one institution
and one profession enrolled in one course in one month; it splits into groups of K or
more that share an outcome and its month (completed in the same month, stopped after the
module quiz, failed the final exam, still reading, never started). Every published
cell is a union of whole groups, so a figure rests on 0 or K+ people and the dashboards
show numbers, not "x".

Fast: everything is written with bulk_create (no signals, so no certificate tasks, no
emails); certificates are real records (serials from the year's counter, random
verification codes, an "issued" event) without a PDF, which is drawn when someone asks
for it (a manager's ZIP download draws missing ones).
"""

from .learners import demo_learners, history_load, history_summary, plan_months_with_data
from .plan import (
    DEFAULT_LEARNERS,
    DEMO_LEARNER_DOMAIN,
    HISTORY_MONTHS,
    history_anchor,
    history_plan,
    min_cell,
)

__all__ = [
    "DEFAULT_LEARNERS",
    "DEMO_LEARNER_DOMAIN",
    "HISTORY_MONTHS",
    "demo_learners",
    "history_anchor",
    "history_load",
    "history_plan",
    "history_summary",
    "min_cell",
    "plan_months_with_data",
]
