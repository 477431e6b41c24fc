"""A "blind learner": takes quizzes through the real views reading only the HTML of the
attempt pages, and answers by the heuristics a tester used to read the key off the page.

Used by tests/quizzes/test_blind_learner.py and bench/blind_learner.py (not a test module
itself).

What the learner decides uses the HTML only: the controls inside each
`<fieldset class="question question-<kind>">`, their names, values and order. Heuristics:

- lowest value, highest value: the option whose value is smallest / largest (numbers as
  numbers); for ordering, the items ranked by their field names that way get positions
  1, 2, …, n ("ascending values as order");
- alphabetical: the same with values compared as text;
- first position, last position: the first / last option shown; matching: the i-th prompt
  takes the i-th (last: i-th from the end) choice; ordering: the order shown (reversed);
- name equals value: a matching prompt takes the choice whose value is (part of) the
  prompt's field name, a choice whose value is part of the question's field name is
  picked; otherwise the first shown.

Scoring is the harness's, not the learner's: each heuristic's answers for a page are read by
the server's own form code (`quizzes.forms.parse_page_responses`) and graded by
`quizzes.grading.grade`; one heuristic per attempt (in turn) is really saved and submitted
through the views, and the grades the server stored are checked against the harness's.

Chance, per question shown: the mean grade of an answer drawn at random in the heuristic's
form (one option of a single or multiple choice or true/false; one choice per matching
prompt; a random order of the items: 1/n). Scores are sums of per-question grades in
[0, 1], independent between attempts (each attempt draws its own order and tokens), so
under "the page says nothing about the key" a heuristic's total has mean at most the sum of
chances C and variance at most V = Σ c(1 − c) (a [0, 1] variable of mean c has variance at
most c(1 − c)). The bound is C + 4·√V: one-sided, 4 sigma (normal approximation: about 3 in
100,000 per comparison), wide enough not to be flaky, narrow enough that reading the key
(today's 65 % on demo quizzes against a chance of about 35 %) fails it at once.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

SIGMAS = 4
HEURISTICS = (
    "lowest value",
    "highest value",
    "alphabetical",
    "first position",
    "last position",
    "name equals value",
)
SCORED_KINDS = ("single", "multiple", "true_false", "matching", "ordering")


# --- Reading the page ------------------------------------------------------------------------


@dataclass
class Control:
    name: str
    type: str  # radio, checkbox, select, text
    values: list[str] = field(default_factory=list)  # in the order shown


@dataclass
class PageQuestion:
    kind: str
    controls: list[Control] = field(default_factory=list)

    def control(self, name: str, type_: str) -> Control:
        for c in self.controls:
            if c.name == name:
                return c
        c = Control(name=name, type=type_)
        self.controls.append(c)
        return c


class AttemptPageParser(HTMLParser):
    """The questions of an attempt page and their controls, as a browser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.questions: list[PageQuestion] = []
        self._current: PageQuestion | None = None
        self._select: Control | None = None
        self.buttons: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "fieldset" and "question" in classes:
            kind = next((c[len("question-") :] for c in classes if c.startswith("question-")), "")
            self._current = PageQuestion(kind=kind)
            self.questions.append(self._current)
        elif tag == "button" and a.get("name") == "nav":
            self.buttons.add(a.get("value") or "")
        elif self._current is None:
            return
        elif tag == "input" and a.get("name"):
            type_ = a.get("type", "text")
            control = self._current.control(a["name"], type_)
            if type_ in ("radio", "checkbox"):
                control.values.append(a.get("value", ""))
        elif tag == "select" and a.get("name"):
            self._select = self._current.control(a["name"], "select")
        elif tag == "option" and self._select is not None and a.get("value"):
            self._select.values.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self._current = None
        elif tag == "select":
            self._select = None


def read_page(html: str) -> AttemptPageParser:
    parser = AttemptPageParser()
    parser.feed(html)
    return parser


# --- The heuristics -------------------------------------------------------------------------


def _as_number(value: str):
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def _name_parts(name: str) -> set[str]:
    parts = set(re.split(r"[_\-]", name)) | {name}
    return parts | {p.lstrip("q") for p in parts}


def _ranked(heuristic: str, values: list[str], name: str) -> list[str]:
    if heuristic == "lowest value":
        return sorted(values, key=_as_number)
    if heuristic == "highest value":
        return sorted(values, key=_as_number, reverse=True)
    if heuristic == "alphabetical":
        return sorted(values)
    if heuristic == "last position":
        return list(reversed(values))
    if heuristic == "name equals value":
        parts = _name_parts(name)
        return sorted(values, key=lambda v: v not in parts)  # stable: else as shown
    return list(values)  # first position


def answer(heuristic: str, question: PageQuestion) -> dict[str, list[str]]:
    """The heuristic's POST data for one question ({} where it has nothing to say)."""
    data: dict[str, list[str]] = {}
    choices = [c for c in question.controls if c.type in ("radio", "checkbox") and c.values]
    selects = [c for c in question.controls if c.type == "select" and c.values]
    if question.kind in ("single", "multiple", "true_false") and choices:
        control = choices[0]
        data[control.name] = [_ranked(heuristic, control.values, control.name)[0]]
    elif question.kind == "matching" and selects:
        for index, control in enumerate(selects):
            values = control.values
            if heuristic == "first position":
                data[control.name] = [values[index % len(values)]]
            elif heuristic == "last position":
                data[control.name] = [values[-1 - index % len(values)]]
            else:
                data[control.name] = [_ranked(heuristic, values, control.name)[0]]
    elif question.kind == "ordering" and selects:
        positions = sorted(selects[0].values, key=_as_number)
        names = [c.name for c in selects]
        if heuristic == "name equals value":  # items whose name holds a position first
            order = sorted(names, key=lambda n: not (set(positions) & _name_parts(n)))
        else:
            order = _ranked_names(heuristic, names)
        for position, name in zip(positions, order, strict=False):
            data[name] = [position]
    return data


def _ranked_names(heuristic: str, names: list[str]) -> list[str]:
    """Ordering: the items ranked by what follows the question part of their names."""
    suffix = {n: n.split("_", 1)[1] if "_" in n else n for n in names}
    if heuristic in ("lowest value", "highest value", "alphabetical"):
        key = (lambda n: _as_number(suffix[n])) if heuristic != "alphabetical" else suffix.get
        return sorted(names, key=key, reverse=heuristic == "highest value")
    if heuristic == "last position":
        return list(reversed(names))
    return list(names)


# --- Chance ---------------------------------------------------------------------------------


def chance(aq) -> Decimal:
    """The mean grade of an answer drawn at random in the heuristics' form."""
    from quizzes.grading import grade, prompts_of

    question = aq.content
    kind = question.kind
    if kind == "single":
        grades = [grade(question, pk) for pk in aq.option_order]
    elif kind == "multiple":
        grades = [grade(question, [pk]) for pk in aq.option_order]
    elif kind == "true_false":
        grades = [grade(question, True), grade(question, False)]
    elif kind == "matching":
        matches = {o.pk: o.match_text.strip() for o in question.options.all()}
        shown = [matches[pk] for pk in aq.option_order]
        prompts = prompts_of(question)
        grades = [Decimal(shown.count(p.match_text.strip())) / len(shown) for p in prompts] or [
            Decimal(0)
        ]
    elif kind == "ordering":
        return Decimal(1) / max(1, len(aq.option_order))
    else:
        raise ValueError(kind)
    return sum(grades, Decimal(0)) / len(grades)


# --- Taking quizzes -------------------------------------------------------------------------


@dataclass
class Sample:
    heuristic: str
    kind: str
    score: float
    chance: float


@dataclass
class Tally:
    n: int = 0
    score: float = 0.0
    chance: float = 0.0
    variance: float = 0.0

    def add(self, sample: Sample) -> None:
        self.n += 1
        self.score += sample.score
        self.chance += sample.chance
        self.variance += sample.chance * (1 - sample.chance)

    @property
    def bound(self) -> float:
        return self.chance + SIGMAS * math.sqrt(self.variance)

    @property
    def passes(self) -> bool:
        return self.score <= self.bound + 1e-9

    def as_row(self) -> dict:
        n = max(1, self.n)
        return {
            "questions": self.n,
            "score_pct": round(100 * self.score / n, 1),
            "chance_pct": round(100 * self.chance / n, 1),
            "bound_pct": round(100 * self.bound / n, 1),
            "passes": self.passes,
        }


def _query(data: dict[str, list[str]]):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


def take_attempt(client, *, quiz, submit_with: str) -> list[Sample]:
    """One attempt at `quiz` by the signed-in learner of `client`: every heuristic's
    answers to every page are scored; `submit_with`'s are saved and submitted through the
    views, and the server's grades must equal the harness's."""
    from django.urls import reverse

    from quizzes.forms import parse_page_responses
    from quizzes.grading import grade
    from quizzes.models import Attempt, AttemptQuestion
    from quizzes.selectors import attempt_questions_on_page

    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert "/attempts/" in location, location
    attempt = Attempt.objects.get(pk=int(location.split("/attempts/")[1].split("/")[0]))
    samples: list[Sample] = []
    expected: dict[int, Decimal] = {}
    while True:
        page = int(parse_qs(urlsplit(location).query).get("page", ["1"])[0])
        html = client.get(location).content.decode()
        parsed = read_page(html)
        on_page = attempt_questions_on_page(attempt=attempt, page=page)
        assert len(on_page) == len(parsed.questions), (len(on_page), len(parsed.questions))
        chances = {aq.pk: float(chance(aq)) for aq in on_page if aq.content.kind in SCORED_KINDS}
        submitted = {}
        for heuristic in HEURISTICS:
            data = {}
            for question in parsed.questions:
                data.update(answer(heuristic, question))
            responses = parse_page_responses(attempt_questions=on_page, data=_query(data))
            for aq in on_page:
                if aq.pk not in chances:
                    continue
                earned = grade(aq.content, responses.get(aq.pk))
                samples.append(Sample(heuristic, aq.content.kind, float(earned), chances[aq.pk]))
                if heuristic == submit_with:
                    expected[aq.pk] = earned
            if heuristic == submit_with:
                submitted = data
        last = "next" not in parsed.buttons
        post = {**submitted, "nav": "finish" if last else "next"}
        response = client.post(location, post)
        assert response.status_code == 302, (response.status_code, response.content[:500])
        if last:
            break
        location = response["Location"]
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), {"confirm": "1"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.graded_at is not None, "the attempt was not graded"
    stored = dict(AttemptQuestion.objects.filter(pk__in=expected).values_list("pk", "fraction"))
    assert stored == expected, (stored, expected)
    return samples


def summarise(samples: list[Sample]) -> dict:
    """{heuristic: row} and {heuristic: {kind: row}} (see `Tally.as_row`)."""
    overall: dict[str, Tally] = defaultdict(Tally)
    by_kind: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for sample in samples:
        overall[sample.heuristic].add(sample)
        by_kind[sample.heuristic][sample.kind].add(sample)
    return {
        "overall": {h: overall[h].as_row() for h in HEURISTICS if h in overall},
        "by_kind": {
            h: {k: t.as_row() for k, t in sorted(by_kind[h].items())}
            for h in HEURISTICS
            if h in by_kind
        },
    }


def failures(summary: dict) -> list[str]:
    bad = [f"{h}: {row}" for h, row in summary["overall"].items() if not row["passes"]]
    for h, kinds in summary["by_kind"].items():
        bad += [f"{h} / {k}: {row}" for k, row in kinds.items() if not row["passes"]]
    return bad


def take_quizzes(*, quizzes, attempts_per_quiz: int, make_learner) -> list[Sample]:
    """`attempts_per_quiz` attempts at each quiz, by fresh learners (`make_learner()`
    returns an enrolled-able user) signed in on a fresh test client each, within the
    quiz's attempt limit; the heuristic submitted turns with each attempt."""
    from django.test import Client

    from courses.selectors import course_of
    from courses.services import enrolment_create
    from quizzes.selectors import canonical_quiz

    samples: list[Sample] = []
    turn = 0
    for quiz in quizzes:
        limit = canonical_quiz(quiz).attempts_allowed or attempts_per_quiz
        client, done = None, 0
        for _ in range(attempts_per_quiz):
            if client is None or done >= limit:
                user = make_learner()
                enrolment_create(user=user, course=course_of(quiz))
                client = Client(SERVER_NAME="localhost")
                client.force_login(user)
                done = 0
            samples += take_attempt(
                client, quiz=quiz, submit_with=HEURISTICS[turn % len(HEURISTICS)]
            )
            done += 1
            turn += 1
    return samples


def format_summary(summary: dict) -> str:
    lines = [
        f"{'heuristic':<20} {'kind':<11} {'n':>5} {'score %':>8} {'chance %':>9} "
        f"{'bound %':>8}  verdict"
    ]
    for heuristic, row in summary["overall"].items():
        rows = [("all", row), *summary["by_kind"][heuristic].items()]
        for kind, r in rows:
            verdict = "ok" if r["passes"] else "ABOVE CHANCE"
            lines.append(
                f"{heuristic if kind == 'all' else '':<20} {kind:<11} {r['questions']:>5} "
                f"{r['score_pct']:>8} {r['chance_pct']:>9} {r['bound_pct']:>8}  {verdict}"
            )
    return "\n".join(lines)


def assert_no_better_than_chance(samples: list[Sample]) -> None:
    """Every heuristic was tried, and none scored above chance + 4 sigma."""
    summary = summarise(samples)
    print(format_summary(summary))
    assert set(summary["overall"]) == set(HEURISTICS)
    assert not failures(summary), "\n" + format_summary(summary)
