"""The plan of the demo learning history: who the learners are, where they work, and
which cohorts enrol in which course when, with what outcome (seeded, so every run plans the
same people and shapes)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from accounts.api import Profession
from certificates.api import add_months
from courses.api import CoursePage, EnrolmentSource
from institutions.api import Institution, demo_institutions
from institutions.api import InstitutionKind as K
from serbian.api import folded, latin_to_cyrillic

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
    codes: list[str] = []

    def walk(node):
        codes.append(node.code)
        for child in node.children:
            walk(child)

    for root in demo_institutions():
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
