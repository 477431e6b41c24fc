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

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from accounts.models import Membership, Profession, Role, RoleAssignment, User
from certificates.codes import code_generate
from certificates.data import CertificateAction
from certificates.models import Certificate, CertificateEvent
from certificates.rendering import course_title_in, institution_name_in
from certificates.services import add_months, serial_next
from courses.models import CoursePage, Enrolment, EnrolmentSource, LessonPage, StepCompletion
from institutions.models import Institution
from institutions.models import InstitutionKind as K
from quizzes.grading import grade
from quizzes.models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    Question,
    QuestionKind,
    QuizPage,
    QuizResult,
)
from quizzes.versions import question_versions_current
from serbian.names import name_folded
from serbian.pages import folded
from serbian.transliteration import latin_to_cyrillic

DEMO_LEARNER_DOMAIN = "learners.demo.local"
DEFAULT_LEARNERS = 400
HISTORY_MONTHS = 18
SEED = "ctp-demo-history-1"
COURSE_SLUGS = (
    "nacionalni-mehanizam-upucivanja",
    "prepoznavanje-i-prevencija",
    "trgovina-ljudima-krivicnopravni-odgovor",
    "zastita-zrtava-azil-i-migracije",
)

# --- Names: people write them in either script -----------------------------------------------


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MALE = _names(
    "Aleksandar Milan Nikola Stefan Marko Dragan Zoran Nenad Dejan Ivan Miloš Vladimir Goran "
    "Bojan Darko Predrag Slobodan Dušan Đorđe Luka Nemanja Uroš Vuk Petar Srđan Željko Branislav "
    "Milorad Saša Vladan Igor Aleksa Filip Lazar Ognjen Radomir"
)
FEMALE = _names(
    "Jelena Marija Ana Milica Ivana Dragana Snežana Tijana Jovana Aleksandra Sanja Maja Vesna "
    "Gordana Biljana Tamara Jasmina Katarina Nataša Ljiljana Mirjana Danijela Bojana Nevena "
    "Olivera Svetlana Teodora Sofija Kristina Dušica Zorica Branka Andrijana Marina Ksenija"
)
SURNAMES = _names(
    "Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević "
    "Popović Kostić Živković Todorović Savić Ristić Lazić Tomić Radovanović Mitrović Obradović "
    "Kovačević Vasić Jović Stevanović Lukić Milić Ćirić Simić Đukić Pešić Nedeljković Marić "
    "Filipović Zdravković Šarić Babić Veselinović Vuković Milenković Bogdanović Antić Gajić "
    "Krstić Ignjatović Knežević Perić Janković Aćimović Vujić Cvetković Mladenović Šćekić"
)
# Institutions send people in groups: a unit (institution, profession) has 2K or more.
UNIT_SCALE = 2.2
CYRILLIC_SHARE = 0.3  # of the learners write their names in Cyrillic

# --- Who works where ------------------------------------------------------------------------

KIND_PROFESSIONS: dict[str, tuple[tuple[str, float], ...]] = {
    K.POLICE_STATION: ((Profession.POLICE_OFFICER, 1.0),),
    K.POLICE_REGIONAL: ((Profession.POLICE_OFFICER, 1.6),),
    K.COURT_SUPREME: ((Profession.JUDGE, 0.5),),
    K.COURT_APPELLATE: ((Profession.JUDGE, 0.6),),
    K.COURT_HIGHER: ((Profession.JUDGE, 0.8), (Profession.JUDICIAL_ASSISTANT, 0.5)),
    K.COURT_BASIC: ((Profession.JUDGE, 0.9), (Profession.JUDICIAL_ASSISTANT, 0.6)),
    K.COURT_MISDEMEANOUR: ((Profession.JUDGE, 0.6),),
    K.PROSECUTION_REPUBLIC: ((Profession.PROSECUTOR, 0.4),),
    K.PROSECUTION_APPELLATE: ((Profession.PROSECUTOR, 0.5),),
    K.PROSECUTION_HIGHER: ((Profession.PROSECUTOR, 0.8), (Profession.JUDICIAL_ASSISTANT, 0.5)),
    K.PROSECUTION_BASIC: ((Profession.PROSECUTOR, 0.9), (Profession.JUDICIAL_ASSISTANT, 0.5)),
    K.PROSECUTION_ORGANISED_CRIME: ((Profession.PROSECUTOR, 0.6),),
    K.SOCIAL_WORK_CENTRE: ((Profession.SOCIAL_WORKER, 1.3),),
    K.LABOUR_INSPECTORATE: ((Profession.LABOUR_INSPECTOR, 1.2),),
    K.ASYLUM_OFFICE: ((Profession.ASYLUM_OFFICER, 0.9),),
    K.NGO: ((Profession.OTHER, 0.6),),
    K.INTERNATIONAL: ((Profession.OTHER, 0.4),),
}
# Institutions of kind "other" that have learners of their own (the rest only group others).
CODE_PROFESSIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "MUP-UKP": ((Profession.POLICE_OFFICER, 1.2),),
    "MUP-UGP": ((Profession.POLICE_OFFICER, 1.0),),
    "CZZTL": ((Profession.SOCIAL_WORKER, 0.6),),
    "KIRS": ((Profession.OTHER, 0.6),),
}
GROUPING_ONLY = {"MUP", "MUP-DP", "SUD", "INT", "MPRAVDE", "MINRZS", "PRAVOSUDNA-AKADEMIJA"}
# The pilot institutions: loaded first (a small history, as in tests, still spans the tree
# and the demo manager's subtree) and ahead of the others.
FIRST = (
    "PS-VRACAR",
    "PS-NOVI-BEOGRAD",
    "SUD-OSN1-BG",
    "CSR-BG",
    "JT-OSN1-BG",
    "PS-ZEMUN",
    "MUP-AZIL",
)

# Fewer enrolments in summer and over the holidays, more in autumn and spring.
SEASON = {1: 0.7, 2: 1.0, 3: 1.2, 4: 1.1, 5: 1.1, 6: 0.9, 7: 0.5, 8: 0.3, 9: 1.2, 10: 1.3}
SEASON |= {11: 1.2, 12: 0.6}
# When an institution took the programme up: (first month index, completion propensity).
PACES = {"early": ((0, 2), 1.15), "steady": ((1, 6), 1.0), "late": ((5, 11), 0.8)}

COMPLETED, FINAL_FAILED, MODULE_PASSED, READING, NOT_STARTED = (
    "completed",
    "final_failed",
    "module_passed",
    "reading",
    "not_started",
)


def min_cell() -> int:
    return max(1, int(getattr(settings, "STATS_MIN_CELL", 5)))


# --- The plan (pure Python, no writes) ------------------------------------------------------


@dataclass
class PlannedLearner:
    email: str
    first_name: str
    last_name: str
    language: str
    institution: Institution
    profession: str
    ability: float
    joined: datetime | None = None


@dataclass
class Group:
    """People of one cohort who share an outcome (and its dates)."""

    outcome: str
    members: list[PlannedLearner]
    completion_month: int | None = None
    exam_day: int = 0


@dataclass
class Cohort:
    course: CoursePage
    month: int  # 0 = the first month of the history
    enrol_day: int
    source: str
    groups: list[Group] = field(default_factory=list)


@dataclass
class Plan:
    learners: list[PlannedLearner]
    cohorts: list[Cohort]
    anchor: datetime  # the first moment of the current month: the history ends before it

    def month_start(self, index: int) -> datetime:
        return add_months(self.anchor, index - HISTORY_MONTHS)

    def enrolments(self) -> int:
        return sum(len(g.members) for c in self.cohorts for g in c.groups)

    def completions(self) -> int:
        return sum(len(g.members) for c in self.cohorts for g in c.groups if g.outcome == COMPLETED)


def history_anchor(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def history_plan(*, learners: int = DEFAULT_LEARNERS, now: datetime | None = None) -> Plan:
    """Who the demo learners are and what each cohort did (nothing is written)."""
    rng = random.Random(SEED)  # noqa: S311 (reproducible demo data, not a secret)
    k = min_cell()
    courses = {
        c.slug: c
        for c in CoursePage.objects.filter(slug__in=COURSE_SLUGS, locale__language_code="sr")
    }
    courses = [courses[slug] for slug in COURSE_SLUGS if slug in courses]
    units = _units(rng)
    anchor = history_anchor(now)
    people: list[PlannedLearner] = []
    cohorts: list[Cohort] = []
    total_weight = sum(weight for _i, _p, weight, _pace in units)
    base = learners / total_weight if total_weight else 0
    for institution, profession, weight, pace in units:
        if len(people) >= learners:
            break
        size = max(2 * k, round(weight * base * UNIT_SCALE))
        unit = [_person(rng, len(people) + i, institution, profession) for i in range(size)]
        people.extend(unit)
        cohorts.extend(_unit_cohorts(rng, unit, profession, pace, courses, k, anchor))
    plan = Plan(learners=people, cohorts=cohorts, anchor=anchor)
    for cohort in cohorts:
        joined = plan.month_start(cohort.month) + timedelta(days=cohort.enrol_day - 8)
        for group in cohort.groups:
            for person in group.members:
                if person.joined is None or joined < person.joined:
                    person.joined = joined
    return plan


def _units(rng: random.Random) -> list[tuple[Institution, str, float, str]]:
    """(institution, profession, size weight, pace) for every demo institution with
    learners of its own: the FIRST ones, then the others in a seeded order."""
    from home import demo_data

    codes: list[str] = []

    def walk(node):
        codes.append(node.code)
        for child in node.children:
            walk(child)

    for root in demo_data.INSTITUTIONS:
        walk(root)
    found = {i.code: i for i in Institution.objects.filter(code__in=codes)}
    paces = {code: rng.choices(list(PACES), weights=(3, 5, 2))[0] for code in codes}
    paces |= dict.fromkeys(FIRST, "early")  # the pilot institutions
    units = []
    for code in codes:
        institution = found.get(code)
        if institution is None or code in GROUPING_ONLY:
            continue
        professions = CODE_PROFESSIONS.get(code) or KIND_PROFESSIONS.get(institution.kind, ())
        for profession, weight in professions:
            units.append((institution, profession, weight, paces[code]))
    first = [u for code in FIRST for u in units if u[0].code == code]
    rest = [u for u in units if u not in first]
    rng.shuffle(rest)
    return first + rest


def _person(rng: random.Random, index: int, institution, profession) -> PlannedLearner:
    female = rng.random() < 0.55
    first = rng.choice(FEMALE if female else MALE)
    last = rng.choice(SURNAMES)
    local = f"{folded(first)}.{folded(last)}.{index + 1:03d}".replace(" ", "")
    cyrillic = rng.random() < CYRILLIC_SHARE
    if cyrillic:
        first, last = latin_to_cyrillic(first), latin_to_cyrillic(last)
    language = "sr" if cyrillic else rng.choices(["sr-latn", "en"], weights=(9, 1))[0]
    return PlannedLearner(
        email=f"{local}@{DEMO_LEARNER_DOMAIN}",
        first_name=first,
        last_name=last,
        language=language,
        institution=institution,
        profession=profession,
        ability=rng.uniform(0.55, 0.97),
    )


def _month_weights(first: int, anchor: datetime) -> list[tuple[int, float]]:
    """Months from `first` to the last, weighted for growth and the seasons."""
    weights = []
    for index in range(first, HISTORY_MONTHS):
        calendar_month = (anchor.month - 1 + index - HISTORY_MONTHS) % 12 + 1
        weights.append((index, (0.6 + index / 15) * SEASON[calendar_month]))
    return weights


def _unit_cohorts(rng, unit, profession, pace, courses, k, anchor) -> list[Cohort]:
    """The unit's trainings: everyone takes the course meant most for them, fewer take
    the others, later; each course's participants in cohorts of 2K or more."""
    (first_from, first_to), diligence = PACES[pace]
    start = rng.randint(first_from, first_to)
    eligible = [
        c for c in courses if not c.audience_professions or profession in c.audience_professions
    ]
    rng.shuffle(eligible)
    cohorts = []
    for rank, course in enumerate(eligible):
        share = (1.0, 0.7, 0.5, 0.4)[min(rank, 3)]
        taking = min(len(unit), round(len(unit) * share))
        if taking < k:
            continue
        months = _month_weights(min(start + 2 * rank, HISTORY_MONTHS - 1), anchor)
        participants = rng.sample(unit, taking)
        count = max(1, taking // (2 * k))
        for index in range(count):
            members = participants[index::count]
            month = rng.choices([m for m, _w in months], weights=[w for _m, w in months])[0]
            if pace == "early" and rank == index == 0:
                month = start  # the pilot's first cohort opens the programme
            source = EnrolmentSource.MANAGER if rng.random() < 0.6 else EnrolmentSource.SELF
            cohort = Cohort(course=course, month=month, enrol_day=rng.randint(1, 15), source=source)
            cohort.groups = _groups(rng, members, month, diligence, k)
            cohorts.append(cohort)
    return cohorts


def _groups(rng, members, month, diligence, k) -> list[Group]:
    """Split a cohort into groups of k or more people, each with one outcome."""
    count = max(1, len(members) // k)
    rng.shuffle(members)
    age = HISTORY_MONTHS - 1 - month  # whole months left after the cohort's
    if age >= 2:
        weights = {COMPLETED: 0.75 * diligence, FINAL_FAILED: 0.07, MODULE_PASSED: 0.06}
        weights |= {READING: 0.06, NOT_STARTED: 0.06}
    elif age == 1:
        weights = {COMPLETED: 0.55 * diligence, FINAL_FAILED: 0.1, MODULE_PASSED: 0.15}
        weights |= {READING: 0.12, NOT_STARTED: 0.08}
    else:
        weights = {COMPLETED: 0.3 * diligence, FINAL_FAILED: 0.05, MODULE_PASSED: 0.2}
        weights |= {READING: 0.3, NOT_STARTED: 0.15}
    groups = []
    for index in range(count):
        outcome = rng.choices(list(weights), weights=list(weights.values()))[0]
        group = Group(outcome=outcome, members=members[index::count])
        if outcome == COMPLETED:
            offsets = [d for d in (0, 1, 2) if month + d < HISTORY_MONTHS]
            offset = rng.choices(offsets, weights=(0.35, 0.45, 0.2)[: len(offsets)])[0]
            group.completion_month = month + offset
            group.exam_day = 27 if offset == 0 else rng.randint(5, 25)
        groups.append(group)
    return groups


# --- Writing ----------------------------------------------------------------------------------


@contextmanager
def _dates_as_given(*fields) -> Iterator[None]:
    """Let bulk_create store the dates we give instead of "now" (auto_now / auto_now_add
    fields), for the duration of the block. For a management command only."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def demo_learners():
    return User.objects.filter(email__endswith="@" + DEMO_LEARNER_DOMAIN)


def history_load(*, learners: int = DEFAULT_LEARNERS, now: datetime | None = None) -> dict:
    """Bring the demo learners and their history in line with the plan; returns counts."""
    started = time.monotonic()
    plan = history_plan(learners=learners, now=now)
    with transaction.atomic():
        users, created = _learners_upsert(plan)
        if _history_matches(plan):
            counts = {"unchanged": True}
        else:
            _history_delete()
            counts = _history_write(plan, users)
    counts |= {
        "learners": len(plan.learners),
        "learners created": created,
        "enrolments": plan.enrolments(),
        "completions": plan.completions(),
        "first month": plan.month_start(0),
        "last month": plan.month_start(HISTORY_MONTHS - 1),
        "seconds": time.monotonic() - started,
    }
    return counts


def _learners_upsert(plan: Plan) -> tuple[dict[str, User], int]:
    """Create the planned learners, update the ones that exist, and remove demo learners
    the plan no longer has (with their history)."""
    wanted = {p.email: p for p in plan.learners}
    existing = {u.email: u for u in demo_learners()}
    gone = [u.pk for email, u in existing.items() if email not in wanted]
    if gone:
        _history_delete(user_ids=gone)
        User.objects.filter(pk__in=gone).delete()
    changed = []
    for email, person in wanted.items():
        user = existing.get(email)
        if user is None:
            continue
        values = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            # bulk writes skip User.save(), which keeps the searchable form
            "name_folded": name_folded(person.first_name, person.last_name),
            "profession": person.profession,
            "preferred_language": person.language,
            "institution_id": person.institution.pk,
        }
        if any(getattr(user, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(user, name, value)
            changed.append(user)
    if changed:
        User.objects.bulk_update(changed, list(values))
        for user in changed:
            Membership.objects.filter(user=user, ended_at__isnull=True).update(
                institution_id=user.institution_id
            )
    new = [
        User(
            email=p.email,
            first_name=p.first_name,
            last_name=p.last_name,
            name_folded=name_folded(p.first_name, p.last_name),
            profession=p.profession,
            preferred_language=p.language,
            institution=p.institution,
            password=make_password(None),  # unusable: nobody signs in as a demo learner
            date_joined=p.joined or plan.anchor,
        )
        for email, p in wanted.items()
        if email not in existing
    ]
    User.objects.bulk_create(new, batch_size=500)
    users = {u.email: u for u in demo_learners()}
    fresh = [users[u.email] for u in new]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in fresh],
        batch_size=500,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=u, institution_id=u.institution_id, started_at=u.date_joined)
            for u in fresh
        ],
        batch_size=500,
    )
    return users, len(new)


def _history_matches(plan: Plan) -> bool:
    """Whether the demo learners' enrolments are the plan's: same number, same number
    completed, same first and last enrolment date."""
    enrolments = Enrolment.objects.filter(user__in=demo_learners())
    found = enrolments.aggregate(first=Min("enrolled_at"), last=Max("enrolled_at"))
    if not plan.cohorts:
        return not enrolments.exists()
    dates = [
        _enrolled_at(plan, cohort, index)
        for cohort in plan.cohorts
        for group in cohort.groups
        for index, _person in enumerate(group.members)
    ]
    return (
        enrolments.count() == plan.enrolments()
        and enrolments.filter(completed_at__isnull=False).count() == plan.completions()
        and found["first"] == min(dates)
        and found["last"] == max(dates)
    )


def _history_delete(*, user_ids=None) -> None:
    """Delete the demo learners' activity (certificates, attempts, results, enrolments)."""
    users = demo_learners() if user_ids is None else User.objects.filter(pk__in=user_ids)
    certificates = Certificate.objects.filter(user__in=users)
    for certificate in certificates.exclude(pdf=""):
        certificate.pdf.storage.delete(certificate.pdf.name)
    CertificateEvent.objects.filter(certificate__in=certificates).delete()
    certificates.update(superseded_by=None)
    certificates.delete()
    QuizResult.objects.filter(user__in=users).delete()
    AttemptQuestion.objects.filter(attempt__user__in=users).delete()
    Attempt.objects.filter(user__in=users).delete()
    StepCompletion.objects.filter(enrolment__user__in=users).delete()
    Enrolment.objects.filter(user__in=users).delete()


def _enrolled_at(plan: Plan, cohort: Cohort, index: int) -> datetime:
    """A cohort enrolled by a manager comes in together; self-enrolled people over a few
    days. Always within the cohort's month."""
    day = plan.month_start(cohort.month) + timedelta(days=cohort.enrol_day - 1, hours=9)
    if cohort.source == EnrolmentSource.MANAGER:
        return day + timedelta(minutes=2 * (index % 7), seconds=index)
    return day + timedelta(days=index % 4, hours=index % 7, minutes=(index * 17) % 60)


@dataclass
class CourseKit:
    course: CoursePage
    lessons: list[LessonPage]
    module_quiz: QuizKit | None
    final_quiz: QuizKit | None


@dataclass
class QuizKit:
    quiz: QuizPage
    fixed: list[Question]
    draws: list[tuple[list[Question], int]]
    subs: dict[int, list[Question]]
    versions: dict

    def parts(self, chosen: list[Question]) -> list[tuple[Question, Question | None]]:
        """(question, its scenario or None) for every question shown, in order."""
        result = []
        for question in chosen:
            if question.kind == QuestionKind.SCENARIO:
                result.extend((sub, question) for sub in self.subs.get(question.pk, []))
            else:
                result.append((question, None))
        return result


def _course_kit(course: CoursePage) -> CourseKit:
    lessons = list(
        LessonPage.objects.live()
        .filter(path__startswith=course.path, required=True)
        .order_by("path")
    )
    quizzes = list(
        QuizPage.objects.live().filter(path__startswith=course.path, required=True).order_by("path")
    )
    module = next((q for q in quizzes if not q.is_final), None)
    final = next((q for q in quizzes if q.is_final), None)
    return CourseKit(
        course=course,
        lessons=lessons,
        module_quiz=_quiz_kit(module) if module else None,
        final_quiz=_quiz_kit(final) if final else None,
    )


def _quiz_kit(quiz: QuizPage) -> QuizKit:
    slots = list(quiz.slots.select_related("category").order_by("sort_order"))
    fixed_ids = [s.question_id for s in slots if s.question_id]
    draws = []
    for slot in slots:
        if slot.question_id:
            continue
        pool = list(
            Question.objects.filter(
                category_id__in=slot.category.subtree_ids(), scenario__isnull=True, language="sr"
            )
            .exclude(pk__in=fixed_ids)
            .order_by("pk")
        )
        draws.append((pool, slot.draw_count))
    in_pools = [q.pk for pool, _n in draws for q in pool]
    questions = Question.objects.prefetch_related("options").in_bulk(fixed_ids + in_pools)
    subs: dict[int, list[Question]] = defaultdict(list)
    scenario_ids = [pk for pk, q in questions.items() if q.kind == QuestionKind.SCENARIO]
    for sub in (
        Question.objects.filter(scenario_id__in=scenario_ids)
        .prefetch_related("options")
        .order_by("scenario_position", "pk")
    ):
        subs[sub.scenario_id].append(sub)
    scenarios = {pk: questions[pk] for pk in scenario_ids}
    gradable = [q for q in questions.values() if q.kind != QuestionKind.SCENARIO]
    gradable += [s for parts in subs.values() for s in parts]
    versions = question_versions_current(questions=gradable, scenarios=scenarios)
    return QuizKit(
        quiz=quiz,
        fixed=[questions[pk] for pk in fixed_ids],
        draws=[([questions[q.pk] for q in pool], n) for pool, n in draws],
        subs=subs,
        versions=versions,
    )


@dataclass
class Writes:
    enrolments: list[Enrolment] = field(default_factory=list)
    steps: list[tuple[int, StepCompletion]] = field(default_factory=list)
    attempts: list[tuple[int, Attempt, list[AttemptQuestion]]] = field(default_factory=list)
    results: list[QuizResult] = field(default_factory=list)


def _history_write(plan: Plan, users: dict[str, User]) -> dict:
    rng = random.Random(SEED + "/activity")  # noqa: S311 (as above)
    kits = {c.course.pk: None for c in plan.cohorts}
    kits = {pk: _course_kit(CoursePage.objects.get(pk=pk)) for pk in kits}
    managers = _managers_by_path()
    writes = Writes()
    for cohort in plan.cohorts:
        kit = kits[cohort.course.pk]
        index = 0
        for group in cohort.groups:
            for person in group.members:
                user = users[person.email]
                enrolled_by = None
                if cohort.source == EnrolmentSource.MANAGER:
                    enrolled_by = next(
                        (m for path, m in managers if person.institution.path.startswith(path)),
                        None,
                    )
                _enrolment_plan(
                    rng, plan, cohort, group, kit, person, user, index, enrolled_by, writes
                )
                index += 1
    return _bulk_write(plan, writes)


def _managers_by_path() -> list[tuple[str, User]]:
    """The demo institution managers, by the path of the subtree they manage."""
    return [
        (a.institution.path, a.user)
        for a in RoleAssignment.objects.filter(role=Role.INSTITUTION_MANAGER)
        .select_related("institution", "user")
        .order_by("pk")
    ]


def _enrolment_plan(rng, plan, cohort, group, kit, person, user, index, enrolled_by, writes):
    enrolled_at = _enrolled_at(plan, cohort, index)
    enrolment = Enrolment(
        user=user,
        course=kit.course,
        enrolled_at=enrolled_at,
        enrolled_by=enrolled_by,
        source=cohort.source,
    )
    slot = len(writes.enrolments)
    writes.enrolments.append(enrolment)
    if group.outcome == NOT_STARTED:
        return
    month_end = plan.month_start(cohort.month + 1) - timedelta(hours=6)
    started_at = min(
        enrolled_at + timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 5)), month_end
    )
    enrolment.started_at = started_at
    if group.outcome == COMPLETED:
        exam = plan.month_start(group.completion_month) + timedelta(
            days=group.exam_day - 1, hours=9, minutes=rng.randint(0, 180)
        )
        end = exam
    else:
        end = min(
            started_at + timedelta(days=rng.randint(10, 40)), plan.anchor - timedelta(hours=2)
        )
    lessons = kit.lessons
    if group.outcome == READING:
        lessons = lessons[: max(1, rng.randint(1, max(1, len(lessons) - 2)))]
    elif group.outcome == MODULE_PASSED:
        lessons = lessons[: max(1, len(lessons) // 2)]
    span = (end - started_at) * 0.8
    moments = [started_at + span * (i + 1) / (len(lessons) + 1) for i in range(len(lessons))]
    for lesson, moment in zip(lessons, moments, strict=True):
        writes.steps.append((slot, StepCompletion(page_id=lesson.pk, completed_at=moment)))
    if lessons:
        enrolment.last_lesson_id = lessons[-1].pk
    last = moments[-1] if moments else started_at
    if group.outcome == READING:
        enrolment.last_activity_at = last
        return
    module_at = started_at + span * 0.6 if group.outcome == COMPLETED else last + timedelta(hours=1)
    if kit.module_quiz:
        failures = 1 if rng.random() < 0.15 else 0
        _quiz_history(
            rng, kit.module_quiz, kit.course, person, user, slot, module_at, failures, True, writes
        )
        last = max(last, module_at)
    if group.outcome == MODULE_PASSED or kit.final_quiz is None:
        enrolment.last_activity_at = last
        return
    if group.outcome == FINAL_FAILED:
        final_at = min(last + timedelta(days=2), plan.anchor - timedelta(hours=1))
        failures = rng.choice((1, 1, 2))
        _quiz_history(
            rng, kit.final_quiz, kit.course, person, user, slot, final_at, failures, False, writes
        )
        enrolment.last_activity_at = final_at
        return
    failures = rng.choices((0, 1, 2), weights=(70, 25, 5))[0]
    done = _quiz_history(
        rng, kit.final_quiz, kit.course, person, user, slot, exam, failures, True, writes
    )
    enrolment.completed_at = enrolment.last_activity_at = done
    enrolment.completion_institution = person.institution


def _quiz_history(
    rng, kit, course, person, user, slot, at, failures, then_pass, writes
) -> datetime:
    """`failures` failed attempts, then (if `then_pass`) one passed; the last one ends at
    about `at`. Returns when the last attempt was submitted."""
    quiz = kit.quiz
    outcomes = [False] * failures + ([True] if then_pass else [])
    attempts = []
    moment = at - timedelta(hours=len(outcomes))
    for number, passed in enumerate(outcomes, 1):
        minutes = rng.randint(8, (quiz.time_limit_minutes or 40) - 2)
        started = moment
        submitted = started + timedelta(minutes=minutes, seconds=rng.randint(0, 59))
        attempt, questions = _attempt(rng, kit, person, user, passed)
        attempt.number = number
        attempt.started_at = started
        attempt.deadline = (
            started + timedelta(minutes=quiz.time_limit_minutes)
            if quiz.time_limit_minutes
            else None
        )
        attempt.submitted_at = attempt.graded_at = submitted
        attempts.append(attempt)
        writes.attempts.append((slot, attempt, questions))
        moment = submitted + timedelta(minutes=rng.randint(20, 50))
    best = max(attempts, key=lambda a: (a.score, -a.number))
    last = attempts[-1].submitted_at
    writes.results.append(
        QuizResult(
            user=user,
            quiz=quiz,
            course=course,
            score=best.score,
            passed=bool(best.passed),
            attempts_count=len(attempts),
            updated_at=last,
        )
    )
    if then_pass:
        writes.steps.append((slot, StepCompletion(page_id=quiz.pk, completed_at=last)))
    return last


def _attempt(rng, kit: QuizKit, person, user, want_pass: bool):
    """An attempt whose responses give the wanted outcome: drawn as the quiz draws, the
    answers right with the learner's ability, tried again until the outcome is right."""
    quiz = kit.quiz
    ability = person.ability if want_pass else rng.uniform(0.2, 0.5)
    for _try in range(30):
        chosen = list(kit.fixed)
        for pool, count in kit.draws:
            chosen.extend(rng.sample(pool, min(count, len(pool))))
        rows, page, on_page, slot = [], 1, 0, 0
        for question in chosen:
            if on_page >= quiz.questions_per_page:
                page, on_page = page + 1, 0
            on_page += 1
            for part, scenario in kit.parts([question]):
                slot += 1
                version = kit.versions[part.pk]
                content = version.content
                order = _option_order(rng, content, shuffle=quiz.shuffle_options)
                response = _response(rng, content, order, knows=rng.random() < ability)
                rows.append(
                    AttemptQuestion(
                        question_id=part.pk,
                        version=version,
                        scenario_id=scenario.pk if scenario else None,
                        slot=slot,
                        page=page,
                        option_order=order,
                        marks=part.marks,
                        response=response,
                        fraction=grade(content, response),
                    )
                )
        total = sum((r.marks for r in rows), Decimal("0"))
        obtained = sum((r.marks * r.fraction for r in rows), Decimal("0"))
        score = (100 * obtained / total).quantize(Decimal("0.01")) if total else Decimal("0")
        passed = score >= quiz.pass_mark
        if passed == want_pass:
            break
        ability = min(1.0, ability + 0.08) if want_pass else max(0.0, ability - 0.1)
    attempt = Attempt(
        user=user,
        quiz=quiz,
        served_from=quiz,
        max_attempts=quiz.attempts_allowed,
        state=AttemptState.SUBMITTED,
        marks_obtained=obtained.quantize(Decimal("0.01")),
        marks_total=total,
        score=score,
        passed=passed,
    )
    return attempt, rows


def _option_order(rng, question, *, shuffle: bool) -> list:
    """As `quizzes.services` orders options, with the demo's generator."""
    options = list(question.options.all())
    if question.kind == QuestionKind.MATCHING:
        seen, ids = set(), []
        for o in options:
            text = o.match_text.strip()
            if text and text not in seen:
                seen.add(text)
                ids.append(o.pk)
        rng.shuffle(ids)
        return ids
    if question.kind == QuestionKind.ORDERING:
        right = [o.pk for o in options]
        ids = list(right)
        while len(ids) > 1 and ids == right:
            rng.shuffle(ids)
        return ids
    may_shuffle = shuffle and question.shuffle_options
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        ids = [o.pk for o in options]
        if may_shuffle:
            rng.shuffle(ids)
        return ids
    if question.kind == QuestionKind.TRUE_FALSE:
        order = [True, False]
        if may_shuffle:
            rng.shuffle(order)
        return order
    return []


def _response(rng, question, order, *, knows: bool):
    """A response as the quiz form stores it: the right one, or a plausible wrong one."""
    kind = question.kind
    options = list(question.options.all())
    if kind == QuestionKind.SINGLE:
        best = max(options, key=lambda o: o.fraction)
        wrong = [o.pk for o in options if o.fraction <= 0]
        return best.pk if knows or not wrong else rng.choice(wrong)
    if kind == QuestionKind.MULTIPLE:
        right = [o.pk for o in options if o.fraction > 0]
        wrong = [o.pk for o in options if o.fraction <= 0]
        return right if knows or not wrong else [*right[:-1], rng.choice(wrong)]
    if kind == QuestionKind.TRUE_FALSE:
        return question.true_false_answer if knows else not question.true_false_answer
    if kind == QuestionKind.MATCHING:
        by_text = {o.match_text.strip(): o.pk for o in options if o.pk in order}
        prompts = [o for o in options if o.text.strip()]
        right = {str(p.pk): by_text.get(p.match_text.strip()) for p in prompts}
        if knows or len(prompts) < 2:
            return right
        values = list(right.values())
        return dict(zip(right, values[1:] + values[:1], strict=True))
    if kind == QuestionKind.ORDERING:
        positions = {str(o.pk): i for i, o in enumerate(options, 1)}
        if not knows and len(options) > 1:
            first, second = str(options[0].pk), str(options[1].pk)
            positions[first], positions[second] = positions[second], positions[first]
        return positions
    if kind == QuestionKind.NUMERIC:
        answer = question.numeric_answer or Decimal("0")
        value = answer if knows else answer + question.numeric_tolerance + 1
        return format(value, "f")
    if kind == QuestionKind.SHORT_TEXT:
        right = [o.text for o in options if o.fraction == 1]
        return right[0] if knows and right else "ne znam"
    return None


def _bulk_write(plan: Plan, writes: Writes) -> dict:
    with _dates_as_given(
        Enrolment._meta.get_field("enrolled_at"),
        StepCompletion._meta.get_field("completed_at"),
        Attempt._meta.get_field("started_at"),
        QuizResult._meta.get_field("updated_at"),
    ):
        Enrolment.objects.bulk_create(writes.enrolments, batch_size=500)
        for slot, step in writes.steps:
            step.enrolment = writes.enrolments[slot]
        StepCompletion.objects.bulk_create([s for _slot, s in writes.steps], batch_size=1000)
        Attempt.objects.bulk_create([a for _slot, a, _q in writes.attempts], batch_size=500)
        questions = []
        for _slot, attempt, rows in writes.attempts:
            for row in rows:
                row.attempt = attempt
            questions.extend(rows)
        AttemptQuestion.objects.bulk_create(questions, batch_size=1000)
        QuizResult.objects.bulk_create(writes.results, batch_size=500)
    certificates = _certificates_write(writes.enrolments)
    return {
        "unchanged": False,
        "steps done": len(writes.steps),
        "quiz attempts": len(writes.attempts),
        "attempts failed": sum(1 for _s, a, _q in writes.attempts if not a.passed),
        "certificates": certificates,
    }


def _certificates_write(enrolments: list[Enrolment]) -> int:
    """A certificate for each completion, issued a minute or two after it, numbered in
    the order they were issued."""
    completed = sorted((e for e in enrolments if e.completed_at), key=lambda e: e.completed_at)
    titles: dict[tuple[int, str], str] = {}
    names: dict[tuple[int, str], str] = {}
    certificates = []
    for enrolment in completed:
        user, course, institution = (
            enrolment.user,
            enrolment.course,
            enrolment.completion_institution,
        )
        language = user.preferred_language
        if (course.pk, language) not in titles:
            titles[course.pk, language] = course_title_in(course=course, language=language)
        if (institution.pk, language) not in names:
            names[institution.pk, language] = institution_name_in(
                institution=institution, language=language
            )
        issued = enrolment.completed_at + timedelta(seconds=40 + enrolment.pk % 80)
        certificates.append(
            Certificate(
                enrolment=enrolment,
                user=user,
                course=course,
                institution=institution,
                serial=serial_next(year=issued.year),
                code=code_generate(),
                issued_at=issued,
                expires_at=(
                    add_months(enrolment.completed_at, course.validity_months)
                    if course.validity_months
                    else None
                ),
                language=language,
                holder_name=user.get_full_name() or user.email,
                holder_name_folded=name_folded(user.get_full_name() or user.email),
                course_title=titles[course.pk, language],
                institution_name=names[institution.pk, language],
                hours=course.estimated_hours,
                completed_at=enrolment.completed_at,
            )
        )
    Certificate.objects.bulk_create(certificates, batch_size=500)
    CertificateEvent.objects.bulk_create(
        [
            CertificateEvent(certificate=c, action=CertificateAction.ISSUED, at=c.issued_at)
            for c in certificates
        ],
        batch_size=1000,
    )
    return len(certificates)


def history_summary(counts: dict) -> str:
    """One line for load_demo's report."""
    months = f"{counts['first month']:%Y-%m} – {counts['last month']:%Y-%m}"
    if counts.get("unchanged"):
        what = "unchanged"
    else:
        what = (
            f"{counts['steps done']} steps done, {counts['quiz attempts']} quiz attempts "
            f"({counts['attempts failed']} failed), {counts['certificates']} certificates"
        )
    return (
        f"Learning history ({months}): {counts['learners']} demo learners "
        f"(@{DEMO_LEARNER_DOMAIN}, {counts['learners created']} new), "
        f"{counts['enrolments']} enrolments, {counts['completions']} completed; {what}; "
        f"{counts['seconds']:.1f} s."
    )


def plan_months_with_data(plan: Plan) -> Counter:
    """Enrolments per month index (for tests and the report)."""
    return Counter(c.month for c in plan.cohorts for g in c.groups for _m in g.members)
