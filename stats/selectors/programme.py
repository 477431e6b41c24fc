"""The figures of the programme report (`stats.programme` writes them into a workbook):
people trained by profession × institution type × sex, trainings held by kind, knowledge
gain per training and satisfaction per survey, for one scope and a period of whole months.

What is counted
- People trained: distinct people who completed a training (`Registration.completed_at`)
  in the period, within the scope, by their profession, the kind of their institution and
  their self-declared sex ("not declared" when they gave none). Trainings keep no
  institution of completion, so people count where they belong now.
- A training held in the period: one of its sessions (not cancelled) starts in the period
  and someone in scope took part in it. A participation is a place with attendance
  (present or partly present) at one of those sessions. Sessions: the training's sessions
  in the period. Completions: places completed in the period, whenever the training began.
- Knowledge gain: per pre/post test of a training held, the participants in scope with
  both scores (`evaluation.api.people_gains`): mean pre and post scores, mean normalised
  gain (post − pre) / (100 − pre) of those who did not score 100 before, share improved.
- Satisfaction: per survey of a training held, the responses of people in scope (where
  they were when they answered), the invitations sent to people in scope and the share
  answered, the mean (1–5) of every Likert item.

Disclosure (K = STATS_MIN_CELL, hidden figures show as "x", as in every export)
Administrators get exact figures, as everywhere in the statistics; everyone else gets:
1. Primary: a figure resting on 1..K-1 distinct people is hidden, with the rates and means
   built on it; a mean needs K people of its own (people with a defined gain, answers to
   the item).
2. People trained is a two-way table with its row totals (Total column) and column totals
   (Total row). Every line (a row with its total, a column with its total) that hides
   anything hides at least two entries, and, while its total is shown, hidden cells that
   together hold K+ people; beyond that, no hidden entry may be worked out from the others
   by any combination of lines (`protect_table`: an entry is determined exactly when it is
   a bridge of the graph of hidden entries; one more is hidden until none is).
3. Trainings held: in the participations and completions columns (rows by kind and their
   total) the same rule, one line each (`protect_column`).
4. Periods: in People trained, a cell is hidden when the last month with someone's first
   completion, or the first month with someone's last completion, has 1..K-1 people: then
   moving the period's end earlier or its start later never removes fewer than K people.
5. Knowledge gain and satisfaction have no totals: each row stands alone.
Residual risks are those of `stats.selectors.disclosure` (group disclosure, comparing the
report with other tables, figures changing as data arrives).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.api import Profession, Sex
from evaluation.api import Answer, Invitation, ItemKind, KnowledgeTest, Response, Survey
from evaluation.api import people_gains as _people_gains
from institutions.api import Institution, InstitutionKind
from trainings.api import Attendance, AttendanceMark, Registration, TrainingKind, TrainingSession

from .figures import SUPPRESSED, min_cell
from .filters import StatsFilters
from .scope import StatsScope

EVERYWHERE = "everywhere"
HUNDRED = Decimal("100")
TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")

# The sex columns, in the order programme reports use.
SEX_COLUMNS = (Sex.FEMALE, Sex.MALE, Sex.ANOTHER, Sex.PREFER_NOT_TO_SAY, Sex.NOT_DECLARED)


# --- Scope and period ---------------------------------------------------------------------


def scope_record(scope: StatsScope) -> str | list[int]:
    """What a report keeps of its requester's scope: "everywhere", or its institutions' ids."""
    return EVERYWHERE if scope.roots is None else [root.pk for root in scope.roots]


def scope_from_record(record) -> StatsScope:
    """The scope a report was asked with (institutions deleted since are out of it)."""
    if record == EVERYWHERE:
        return StatsScope(roots=None)
    ids = [int(pk) for pk in record or []]
    return StatsScope(roots=tuple(Institution.objects.filter(pk__in=ids).order_by("path")))


def period_filters(first_day: datetime.date, last_day: datetime.date) -> StatsFilters:
    """The period as the statistics' filters (`.start`, `.end` exclusive)."""
    return StatsFilters(date_from=first_day, date_to=last_day)


def _month(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m")


# --- Disclosure: complementary suppression --------------------------------------------------


def _next_to_hide(line: list, values: dict, hidden: set):
    """The smallest shown non-zero cell of a line (its last entry is its total), else its
    total; None when nothing is left to hide."""
    cells = sorted(
        (e for e in line[:-1] if e not in hidden and values[e] > 0), key=lambda e: (values[e], e)
    )
    if cells:
        return cells[0]
    total = line[-1]
    return total if total not in hidden and values[total] > 0 else None


def _line_is_safe(line: list, values: dict, hidden: set, k: int) -> bool:
    """A line hides nothing, or at least two entries; and while its total is shown, the
    hidden cells hold K+ people together (so that the total minus the rest says little)."""
    here = [e for e in line if e in hidden]
    if not here:
        return True
    if len(here) < 2:
        return False
    return line[-1] in hidden or sum(values[e] for e in here) >= k


def _complete_lines(lines: list[list], values: dict, hidden: set, k: int) -> bool:
    """Hides entries until every line is safe; False when a line cannot be made safe."""
    while True:
        for line in lines:
            if not _line_is_safe(line, values, hidden, k):
                entry = _next_to_hide(line, values, hidden)
                if entry is None:
                    return False
                hidden.add(entry)
                break
        else:
            return True


def _bridge(hidden: set[tuple[int, int]]) -> tuple[int, int] | None:
    """A hidden entry that the lines determine: in the bipartite graph of rows and columns
    with the hidden entries as edges, an edge on no cycle (a bridge)."""
    adjacency: dict[tuple, set] = defaultdict(set)
    for i, j in hidden:
        adjacency[("r", i)].add(("c", j))
        adjacency[("c", j)].add(("r", i))
    for i, j in sorted(hidden):
        start, goal = ("r", i), ("c", j)
        seen, stack = {start}, [start]
        while stack:
            node = stack.pop()
            for other in adjacency[node]:
                if {node, other} == {start, goal} or other in seen:
                    continue
                seen.add(other)
                stack.append(other)
        if goal not in seen:
            return (i, j)
    return None


def protect_table(values: list[list[int]], small: list[list[bool]], *, k: int) -> set:
    """The entries (row, column) to hide in a two-way table of counts whose last row holds
    the column totals and last column the row totals. `small` marks the primary ones.

    Each line keeps 0 or 2+ hidden entries holding K+ people (`_line_is_safe`), and no hidden
    entry is a bridge (a cell on no cycle of hidden entries is found by adding and
    subtracting lines). When neither can be met, every non-zero entry is hidden."""
    rows, columns = len(values), len(values[0])
    grid = {(i, j): values[i][j] for i in range(rows) for j in range(columns)}
    hidden = {e for e in grid if small[e[0]][e[1]] and grid[e] > 0}
    lines = [[(i, j) for j in range(columns)] for i in range(rows)]
    lines += [[(i, j) for i in range(rows)] for j in range(columns)]
    for _attempt in range(rows * columns + 1):
        if not _complete_lines(lines, grid, hidden, k):
            break
        bridge = _bridge(hidden)
        if bridge is None:
            return hidden
        i, j = bridge
        entry = _next_to_hide(lines[i], grid, hidden) or _next_to_hide(
            lines[rows + j], grid, hidden
        )
        if entry is None:
            break
        hidden.add(entry)
    return {e for e, value in grid.items() if value > 0}


def protect_column(values: list[int], small: list[bool], *, k: int) -> set[int]:
    """The entries to hide in one column of counts whose last entry is its total."""
    grid = dict(enumerate(values))
    hidden = {i for i, is_small in enumerate(small) if is_small and values[i] > 0}
    if _complete_lines([list(range(len(values)))], grid, hidden, k):
        return hidden
    return {i for i, value in grid.items() if value > 0}


# --- The tables -----------------------------------------------------------------------------


@dataclass
class Sheet:
    """One table as published: headings and rows of cells, hidden ones already "x"."""

    headings: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    hidden: int = 0  # how many figures are hidden


def _small(people: set, k: int) -> bool:
    return 0 < len(people) < k


def _edge_months_small(months_of: dict[int, list[str]], people: set, k: int) -> bool:
    """Moving the period's end earlier removes those whose first completion is in the
    months cut; moving its start later, those whose last one is: the edge month of each
    must have 0 or K+ people."""
    if not people:
        return False
    firsts = Counter(min(months_of[p]) for p in people)
    lasts = Counter(max(months_of[p]) for p in people)
    return 0 < firsts[max(firsts)] < k or 0 < lasts[min(lasts)] < k


def _label(choices, value, *, empty: str) -> str:
    if value in (None, ""):
        return empty
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _scope_q(scope: StatsScope, path_field: str) -> Q:
    return scope.path_q(path_field)


def people_trained(*, scope: StatsScope, period: StatsFilters) -> Sheet:
    """Distinct people who completed a training in the period: rows profession ×
    institution type, columns sex and total, with a total row."""
    completions = (
        Registration.objects.filter(completed_at__gte=period.start, completed_at__lt=period.end)
        .filter(_scope_q(scope, "user__institution__path"))
        .values_list(
            "user_id", "user__profession", "user__sex", "user__institution__kind", "completed_at"
        )
        .order_by()
    )
    row_of: dict[int, tuple] = {}
    sex_of: dict[int, str] = {}
    months_of: dict[int, list[str]] = defaultdict(list)
    for user_id, profession, sex, kind, completed_at in completions:
        row_of[user_id] = (profession, kind)
        sex_of[user_id] = sex if sex in SEX_COLUMNS else Sex.NOT_DECLARED
        months_of[user_id].append(_month(completed_at))

    profession_order = {value: n for n, value in enumerate(Profession.values)}
    kind_order = {value: n for n, value in enumerate(InstitutionKind.values)}
    row_keys = sorted(
        set(row_of.values()),
        key=lambda r: (
            profession_order.get(r[0], len(profession_order)),
            str(r[0]),
            kind_order.get(r[1], len(kind_order)),
            str(r[1] or ""),
        ),
    )
    index = {key: n for n, key in enumerate(row_keys)}
    total_row, total_column = len(row_keys), len(SEX_COLUMNS)
    people = [[set() for _ in range(total_column + 1)] for _ in range(total_row + 1)]
    for user_id, key in row_of.items():
        i, j = index[key], SEX_COLUMNS.index(sex_of[user_id])
        for row in (i, total_row):
            for column in (j, total_column):
                people[row][column].add(user_id)

    values = [[len(cell) for cell in row] for row in people]
    hidden: set = set()
    if scope.is_protected:
        k = min_cell()
        small = [
            [_small(cell, k) or _edge_months_small(months_of, cell, k) for cell in row]
            for row in people
        ]
        hidden = protect_table(values, small, k=k)

    sheet = Sheet(
        headings=[
            _("Profession"),
            _("Institution type"),
            *[str(Sex(value).label) for value in SEX_COLUMNS],
            _("Total"),
        ],
        hidden=len(hidden),
    )
    labels = [
        [
            _label(Profession, profession, empty=_("Not given")),
            _label(InstitutionKind, kind, empty=_("No institution")),
        ]
        for profession, kind in row_keys
    ]
    labels.append([_("Total"), ""])
    for i, row_labels in enumerate(labels):
        cells = [SUPPRESSED if (i, j) in hidden else v for j, v in enumerate(values[i])]
        sheet.rows.append([*row_labels, *cells])
    return sheet


@dataclass
class Participations:
    """Who took part in which training held in the period (within the scope)."""

    kind_of: dict[int, str]  # training id → kind, for the trainings held
    sessions: Counter  # training id → sessions in the period
    registrations: dict[int, set]  # training id → registration ids with attendance
    people: dict[int, set]  # training id → user ids


def participations(*, scope: StatsScope, period: StatsFilters) -> Participations:
    in_period = Q(
        session__cancelled_at__isnull=True,
        session__starts_at__gte=period.start,
        session__starts_at__lt=period.end,
    )
    attended = (
        Attendance.objects.filter(in_period)
        .filter(mark__in=[AttendanceMark.PRESENT, AttendanceMark.PARTLY])
        .filter(_scope_q(scope, "registration__user__institution__path"))
        .values_list("session__training_id", "registration_id", "registration__user_id")
        .order_by()
    )
    registrations: dict[int, set] = defaultdict(set)
    people: dict[int, set] = defaultdict(set)
    for training_id, registration_id, user_id in attended:
        registrations[training_id].add(registration_id)
        people[training_id].add(user_id)
    sessions = (
        TrainingSession.objects.filter(
            training_id__in=list(registrations),
            cancelled_at__isnull=True,
            starts_at__gte=period.start,
            starts_at__lt=period.end,
        )
        .values_list("training_id", "training__kind")
        .order_by()
    )
    kind_of: dict[int, str] = {}
    counted: Counter = Counter()
    for training_id, kind in sessions:
        kind_of[training_id] = kind
        counted[training_id] += 1
    return Participations(
        kind_of=kind_of, sessions=counted, registrations=registrations, people=people
    )


def trainings_held(*, scope: StatsScope, period: StatsFilters, held: Participations) -> Sheet:
    """By kind (and a total row): trainings, sessions, participations, completions."""
    kinds = list(TrainingKind.values)
    rows = len(kinds) + 1
    trainings = [0] * rows
    sessions = [0] * rows
    taking_part = [0] * rows
    taking_part_people: list[set] = [set() for _ in range(rows)]
    for training_id, kind in held.kind_of.items():
        for i in (kinds.index(kind) if kind in kinds else None, rows - 1):
            if i is None:
                continue
            trainings[i] += 1
            sessions[i] += held.sessions[training_id]
            taking_part[i] += len(held.registrations[training_id])
            taking_part_people[i] |= held.people[training_id]
    completed = [0] * rows
    completed_people: list[set] = [set() for _ in range(rows)]
    done = (
        Registration.objects.filter(completed_at__gte=period.start, completed_at__lt=period.end)
        .filter(_scope_q(scope, "user__institution__path"))
        .values_list("user_id", "training__kind")
        .order_by()
    )
    for user_id, kind in done:
        for i in (kinds.index(kind) if kind in kinds else None, rows - 1):
            if i is None:
                continue
            completed[i] += 1
            completed_people[i].add(user_id)

    hidden_participations: set[int] = set()
    hidden_completions: set[int] = set()
    if scope.is_protected:
        k = min_cell()
        hidden_participations = protect_column(
            taking_part, [_small(p, k) for p in taking_part_people], k=k
        )
        hidden_completions = protect_column(
            completed, [_small(p, k) for p in completed_people], k=k
        )
    sheet = Sheet(
        headings=[_("Kind"), _("Trainings"), _("Sessions"), _("Participations"), _("Completions")],
        hidden=len(hidden_participations) + len(hidden_completions),
    )
    labels = [str(TrainingKind(kind).label) for kind in kinds] + [_("Total")]
    for i, label in enumerate(labels):
        sheet.rows.append(
            [
                label,
                trainings[i],
                sessions[i],
                SUPPRESSED if i in hidden_participations else taking_part[i],
                SUPPRESSED if i in hidden_completions else completed[i],
            ]
        )
    return sheet


def _mean(values: list[Decimal], places: Decimal) -> Decimal | None:
    return (sum(values) / len(values)).quantize(places) if values else None


def knowledge_gain(*, scope: StatsScope, held: Participations) -> Sheet:
    """Per pre/post test of a training held: the participants in scope with both scores."""
    tests = (
        KnowledgeTest.objects.filter(training_id__in=list(held.kind_of))
        .select_related("training", "pre_test", "post_test")
        .order_by("training__title", "pk")
    )
    k = min_cell()
    sheet = Sheet(
        headings=[
            _("Training"),
            _("Kind"),
            _("Pre-test"),
            _("Post-test"),
            _("People"),
            _("Mean pre-test score (%)"),
            _("Mean post-test score (%)"),
            _("Mean normalised gain (%)"),
            _("Improved (%)"),
        ]
    )
    for test in tests:
        members = held.people.get(test.training_id, set())
        gains = [g for g in _people_gains(test) if g.user_id in members]
        people = len(gains)
        defined = [g.gain for g in gains if g.gain is not None]
        figures: list[Any] = [
            people,
            _mean([g.pre for g in gains], TENTH),
            _mean([g.post for g in gains], TENTH),
            _mean([d * HUNDRED for d in defined], TENTH),
            (Decimal(sum(g.improved for g in gains)) * HUNDRED / people).quantize(TENTH)
            if people
            else None,
        ]
        if scope.is_protected and 0 < people < k:
            figures = [SUPPRESSED] * len(figures)
            sheet.hidden += len(figures)
        elif scope.is_protected and 0 < len(defined) < k:
            figures[3] = SUPPRESSED
            sheet.hidden += 1
        sheet.rows.append(
            [
                test.training.title,
                _label(TrainingKind, test.training.kind, empty=""),
                test.pre_test.title,
                test.post_test.title,
                *figures,
            ]
        )
    return sheet


def satisfaction(*, scope: StatsScope, held: Participations) -> Sheet:
    """Per survey of a training held: a row with its responses, invitations sent and share
    answered, then a row per Likert item with its answers and mean (1–5)."""
    surveys = (
        Survey.objects.filter(training_id__in=list(held.kind_of))
        .select_related("training")
        .prefetch_related("items")
        .order_by("training__title", "title", "pk")
    )
    k = min_cell()
    protected = scope.is_protected
    sheet = Sheet(
        headings=[
            _("Training"),
            _("Survey"),
            _("Responses"),
            _("Invitations sent"),
            _("Response rate (%)"),
            _("Statement (scale of 1 to 5)"),
            _("Answers"),
            _("Mean (1–5)"),
        ]
    )
    for survey in surveys:
        responses = Response.objects.filter(survey=survey).filter(
            _scope_q(scope, "institution_path")
        )
        answered_count = responses.count()
        invitations = Invitation.objects.filter(survey=survey, sent_at__isnull=False).filter(
            _scope_q(scope, "user__institution__path")
        )
        sent = invitations.count()
        answered = invitations.filter(answered=True).count()
        rate = (Decimal(answered) * HUNDRED / sent).quantize(TENTH) if sent else None
        survey_hidden = protected and 0 < answered_count < k
        figures: list[Any] = [answered_count, sent, rate]
        if survey_hidden:
            figures = [SUPPRESSED] * 3
        else:
            if protected and 0 < sent < k:
                figures[1] = SUPPRESSED
            if protected and (0 < sent < k or 0 < answered < k):
                figures[2] = SUPPRESSED
        sheet.hidden += figures.count(SUPPRESSED)
        sheet.rows.append([survey.training.title, survey.title, *figures, "", "", ""])
        likert = [item for item in survey.items.all() if item.kind == ItemKind.LIKERT]
        values: dict[int, list[int]] = defaultdict(list)
        for item_id, value in Answer.objects.filter(
            response__in=responses, item__in=likert
        ).values_list("item_id", "value"):
            values[item_id].append(int(value))
        for item in likert:
            scores = values.get(item.pk, [])
            cells: list[Any] = [len(scores), _mean([Decimal(s) for s in scores], HUNDREDTH)]
            if survey_hidden or (protected and 0 < len(scores) < k):
                cells = [SUPPRESSED, SUPPRESSED]
                sheet.hidden += 2
            sheet.rows.append(["", "", "", "", "", item.text, *cells])
    return sheet


@dataclass
class ProgrammeFigures:
    people_trained: Sheet
    trainings_held: Sheet
    knowledge_gain: Sheet
    satisfaction: Sheet

    @property
    def hidden(self) -> int:
        sheets = (self.people_trained, self.trainings_held, self.knowledge_gain, self.satisfaction)
        return sum(sheet.hidden for sheet in sheets)


def programme_figures(
    *, scope: StatsScope, first_day: datetime.date, last_day: datetime.date
) -> ProgrammeFigures:
    """Every table of the programme report, protected unless the scope is everywhere."""
    period = period_filters(first_day, last_day)
    held = participations(scope=scope, period=period)
    return ProgrammeFigures(
        people_trained=people_trained(scope=scope, period=period),
        trainings_held=trainings_held(scope=scope, period=period, held=held),
        knowledge_gain=knowledge_gain(scope=scope, held=held),
        satisfaction=satisfaction(scope=scope, held=held),
    )
