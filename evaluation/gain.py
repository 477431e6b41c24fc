"""Knowledge gain from a pre-test and a post-test (`KnowledgeTest`).

Per person: the pre-test score (their first graded attempt), the post-test score (their
latest graded attempt of the post-test, after the pre-test's when both are one quiz) and the
normalised gain (post − pre) / (100 − pre), which is undefined for someone who scored 100
before (they are counted, but not in the mean gain).

Per group (institution, profession, month of the post-test): people, mean pre, mean post,
mean gain and the share who improved. A group of fewer than K people (STATS_MIN_CELL) is
hidden; where one group of a breakdown is hidden, the next smallest is hidden too, so that
no hidden group can be found by subtracting the others from the total."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from accounts.api import Profession
from institutions.api import Institution
from quizzes.api import Attempt

from .models import KnowledgeTest
from .selectors import min_cell

HUNDRED = Decimal("100")
PLACES = Decimal("0.1")


@dataclass(frozen=True)
class PersonGain:
    user_id: int
    profession: str
    institution_id: int | None
    month: str  # YYYY-MM of the post-test
    pre: Decimal
    post: Decimal

    @property
    def gain(self) -> Decimal | None:
        if self.pre >= HUNDRED:
            return None
        return (self.post - self.pre) / (HUNDRED - self.pre)

    @property
    def improved(self) -> bool:
        return self.post > self.pre


def people_gains(test: KnowledgeTest) -> list[PersonGain]:
    quiz_ids = {test.pre_test_id, test.post_test_id}
    attempts = (
        Attempt.objects.filter(quiz_id__in=quiz_ids, score__isnull=False)
        .select_related("user")
        .order_by("user_id", "number")
    )
    by_user: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        by_user[attempt.user_id].append(attempt)
    result = []
    for user_attempts in by_user.values():
        pre = next((a for a in user_attempts if a.quiz_id == test.pre_test_id), None)
        if pre is None:
            continue
        later = [
            a
            for a in user_attempts
            if a.quiz_id == test.post_test_id
            and (test.post_test_id != test.pre_test_id or a.number > pre.number)
        ]
        if not later:
            continue
        post = max(later, key=lambda a: (a.graded_at or a.submitted_at, a.number))
        user = pre.user
        when = post.graded_at or post.submitted_at
        result.append(
            PersonGain(
                user_id=user.pk,
                profession=user.profession,
                institution_id=user.institution_id,
                month=when.strftime("%Y-%m") if when else "",
                pre=pre.score,
                post=post.score,
            )
        )
    return result


@dataclass
class GainRow:
    key: object
    people: int
    mean_pre: Decimal | None = None
    mean_post: Decimal | None = None
    mean_gain: Decimal | None = None  # as a percentage
    improved_share: Decimal | None = None  # percentage of people
    hidden: bool = False


def _row(key, gains: list[PersonGain]) -> GainRow:
    people = len(gains)
    defined = [g.gain for g in gains if g.gain is not None]
    return GainRow(
        key=key,
        people=people,
        mean_pre=(sum(g.pre for g in gains) / people).quantize(PLACES),
        mean_post=(sum(g.post for g in gains) / people).quantize(PLACES),
        mean_gain=(sum(defined) * HUNDRED / len(defined)).quantize(PLACES) if defined else None,
        improved_share=(Decimal(sum(g.improved for g in gains)) * HUNDRED / people).quantize(
            PLACES
        ),
    )


def _hide(row: GainRow) -> GainRow:
    return GainRow(key=row.key, people=0, hidden=True)


def gain_table(gains: list[PersonGain], *, by: str) -> tuple[GainRow | None, list[GainRow]]:
    """The total and the rows by `by` ("profession", "institution_id" or "month"), small
    groups hidden as the module says."""
    k = min_cell()
    total = _row(None, gains) if len(gains) >= k else None
    groups: dict[object, list[PersonGain]] = defaultdict(list)
    for gain in gains:
        groups[getattr(gain, by)].append(gain)
    rows = [_row(key, members) for key, members in sorted(groups.items(), key=lambda i: str(i[0]))]
    small = [r for r in rows if r.people < k]
    if len(small) == 1 and len(rows) > 1:
        # Hide the next smallest as well, so that the total minus the rest says nothing.
        shown = sorted((r for r in rows if r.people >= k), key=lambda r: r.people)
        small.append(shown[0])
    hidden_keys = {r.key for r in small}
    return total, [_hide(r) if r.key in hidden_keys else r for r in rows]


def gain_labels(rows: list[GainRow], *, by: str) -> dict:
    """What each row's key reads as."""
    if by == "profession":
        return {r.key: Profession(r.key).label for r in rows if r.key in Profession.values}
    if by == "institution_id":
        ids = [r.key for r in rows if r.key is not None]
        return {i.pk: str(i) for i in Institution.objects.filter(pk__in=ids)}
    return {}
