"""Embedded answers (cloze): the gaps as Moodle's parser reads them, each gap graded as Moodle
grades its sub-question, the attempt page (gaps in place, nothing of the key), the form,
the review per gap, statistics and regrade."""

import random
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate
from courses.models import Enrolment
from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.cloze import CHOICE, MULTI, NUMERIC, SHORT, cloze_gaps, cloze_problems
from quizzes.cloze_pages import cloze_option_order
from quizzes.grading import correct_response, feedback_for, grade
from quizzes.models import Attempt, QuestionKind, ReviewItem
from quizzes.services import attempt_save_responses, attempt_start, attempt_submit, regrade_apply
from quizzes.statistics import quiz_statistics
from quizzes.versions import question_versions_sync

from .conftest import finish, right_answers

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    """Messages and pages in English (the default language is Serbian)."""
    with translation.override("en"):
        yield


def gap(text):
    (only,) = cloze_gaps(text)
    return only


def fractions(text):
    return {a.text: a.fraction for a in gap(text).answers}


def q(text):
    return f.cloze(text=f"<p>{text}</p>")


# --- Reading the gaps (quizzes.cloze) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "case", "layout", "shuffle"),
    [
        ("SA", SHORT, False, "", False),
        ("MW", SHORT, False, "", False),
        ("SHORTANSWER_C", SHORT, True, "", False),
        ("NM", NUMERIC, False, "", False),
        ("MC", CHOICE, False, "dropdown", False),
        ("MCV", CHOICE, False, "vertical", False),
        ("MULTICHOICE_H", CHOICE, False, "horizontal", False),
        ("MCVS", CHOICE, False, "vertical", True),
        ("MRH", MULTI, False, "horizontal", False),
        ("MULTIRESPONSE_S", MULTI, False, "vertical", True),
    ],
)
def test_every_type_name_reads_as_moodle_defines_it(name, kind, case, layout, shuffle):
    g = gap(f"{{2:{name}:=1~2}}")
    assert (g.kind, g.case_sensitive, g.layout, g.shuffle, g.weight) == (
        kind,
        case,
        layout,
        shuffle,
        2,
    )


def test_weight_defaults_to_one_and_gaps_number_from_one():
    gaps = cloze_gaps("<p>{:SA:=a} and {3:SA:=b}</p>")
    assert [(g.number, g.weight) for g in gaps] == [(1, 1), (2, 3)]


def test_fractions_feedback_and_decimal_per_cents():
    g = gap("{1:MC:=Palermo#Right~%33,5%Vienna#Close~Rome}")
    assert [(a.text, a.fraction, a.feedback) for a in g.answers] == [
        ("Palermo", D(1), "Right"),
        ("Vienna", D("0.335"), "Close"),
        ("Rome", D(0), ""),
    ]


def test_escapes_and_entities_are_read_as_characters():
    g = gap(r"{1:SA:=a\}b\#c\~d#it's \} here~%50%O&#39;Neil#x}")
    assert g.answers[0].text == "a}b#c~d" and g.answers[0].feedback == "it's } here"
    assert g.answers[1].text == "O'Neil"  # "&#39;" is no feedback separator


def test_formatting_inside_a_gap_is_dropped_from_answers_and_feedback():
    g = gap("{1:MC:=<b>Palermo</b>#<i>Yes</i>~Rome}")
    assert (g.answers[0].text, g.answers[0].feedback) == ("Palermo", "Yes")


def test_numerical_answers_with_tolerance_and_a_negative_tolerance_as_its_size():
    g = gap("{1:NM:=2000:1~%50%2,5:-0.5~*#Anything}")
    assert [(a.text, a.fraction, a.tolerance) for a in g.answers] == [
        ("2000", D(1), D(1)),
        ("2,5", D("0.5"), D("0.5")),
        ("*", D(0), D(0)),
    ]


def test_multiresponse_fractions_are_scaled_to_full_marks_as_moodle_does():
    # Only "=": the right answers share 100 %, each wrong one costs one right one.
    assert fractions("{1:MR:=A~=B~C}") == {"A": D("0.5"), "B": D("0.5"), "C": D("-0.5")}
    # Per cents named: positives scaled to add up to 100 %, negatives kept as written.
    assert fractions("{1:MR:%100%A~%100%B~%-50%C~D}") == {
        "A": D("0.5"),
        "B": D("0.5"),
        "C": D("-0.5"),
        "D": D(0),
    }
    thirds = fractions("{1:MR:=A~=B~=C~D}")
    assert abs(sum(v for v in thirds.values() if v > 0) - 1) < D("1e-20")
    assert thirds["D"] == D(-1) / 3


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<p>No gap here</p>", "no gap"),
        ("{1:FOO:=a}", "not a type"),
        ("{1:SA:%50%half}", "100 %"),
        ("{1:MC:%50%a~b}", "100 %"),
        ("{1:MR:a~%-50%b}", "marked right"),
        ("{1:MC:=only}", "two answers"),
        ("{1:MC:=a~a}", "same"),
        ("{1:NM:=abc}", "not a number"),
        ("{1:NM:=5:x}", "not a tolerance"),
        ("{1:SA:=a~%150%b}", "outside"),
        ("{1:SA:=a~}", "empty"),
        ("{0:SA:=a} {0:SA:=b}", "weighs 0"),
    ],
)
def test_problems_an_author_must_fix(text, problem):
    problems = cloze_problems(text)
    assert any(problem in p for p in problems), problems


def test_a_well_formed_text_has_no_problem():
    assert cloze_problems(f.CLOZE_TEXT) == []


def test_the_bank_refuses_a_cloze_text_with_problems():
    question = f.QuestionFactory.build(kind=QuestionKind.CLOZE, text="<p>{1:SA:%50%a}</p>")
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert "Gap 1" in str(error.value)


# --- Grading each gap -------------------------------------------------------------------------


def test_short_answer_ignores_case_diacritics_and_script():
    question = q("{1:SA:=Đorđević}")
    for typed in ("đorđević", "DJORDJEVIC", "Ђорђевић", "  djordjevic "):
        assert grade(question, {"1": typed}) == 1, typed
    assert grade(question, {"1": "Petrović"}) == 0


def test_case_sensitive_short_answer():
    question = q("{1:SAC:=NATO~%50%nato}")
    assert grade(question, {"1": "NATO"}) == 1
    assert grade(question, {"1": "Нато"}) == 0  # in Cyrillic: "Nato"
    assert grade(question, {"1": "nato"}) == D("0.5")
    assert grade(question, {"1": "Nato"}) == 0


def test_wildcards_and_an_escaped_star():
    question = q(r"{1:SA:=Pal*mo~%50%*#Anything~%20%a\*b}")
    assert grade(question, {"1": "Palermo"}) == 1
    assert grade(question, {"1": "Palmo"}) == 1  # "*" matches an empty run too
    assert grade(question, {"1": "Vienna"}) == D("0.5")
    assert feedback_for(question, {"1": "Vienna"}) == ["Gap 1: Anything"]
    literal = q(r"{1:SA:=a\*b}")
    assert grade(literal, {"1": "a*b"}) == 1
    assert grade(literal, {"1": "axxb"}) == 0
    spaced = q("{1:SA:=New *~%50%*ork}")
    assert grade(spaced, {"1": "new   york"}) == 1
    assert grade(spaced, {"1": "Newark"}) == 0
    assert grade(spaced, {"1": "ork"}) == D("0.5")


def test_many_stars_against_a_long_answer_stay_quick():
    question = q("{1:SA:=" + "*a" * 30 + "*b}")
    assert grade(question, {"1": "a" * 499}) == 0  # a backtracking match would not end
    assert grade(question, {"1": "a" * 30 + "b"}) == 1


def test_the_best_matching_answer_counts_even_after_a_catch_all():
    question = q("{1:SA:%50%*~=Palermo}")
    assert grade(question, {"1": "palermo"}) == 1
    assert grade(question, {"1": "Rome"}) == D("0.5")


def test_numerical_gap_within_tolerance_best_answer_and_commas():
    question = q("{1:NM:=2000:1~%50%2000:10~%25%*}")
    assert grade(question, {"1": "2001"}) == 1
    assert grade(question, {"1": "1999,5"}) == 1
    assert grade(question, {"1": "2010"}) == D("0.5")
    assert grade(question, {"1": "12"}) == D("0.25")
    assert grade(question, {"1": "abc"}) == 0


def test_choice_gap_gives_the_chosen_answers_fraction_and_penalties_subtract():
    question = q("{1:MC:=Palermo~%50%Vienna~%-100%Rome} {1:SA:=x}")
    assert grade(question, {"1": "Palermo", "2": "x"}) == 1
    assert grade(question, {"1": "Vienna", "2": "x"}) == D("0.75")
    assert grade(question, {"1": "Rome", "2": "x"}) == 0  # −1 + 1, over 2
    assert grade(question, {"1": "Rome"}) == 0  # never below 0
    assert grade(question, {"1": "Not an answer", "2": "x"}) == D("0.5")


def test_multiresponse_gap_sums_ticks_between_zero_and_one():
    question = q("{1:MR:=A~=B~C~%-100%D}")  # A ½, B ½, C 0 (a per cent is named), D −1
    assert grade(question, {"1": ["A", "B"]}) == 1
    assert grade(question, {"1": ["A"]}) == D("0.5")
    assert grade(question, {"1": ["A", "B", "C"]}) == 1
    assert grade(question, {"1": ["A", "D"]}) == 0
    assert grade(question, {"1": ["A", "A"]}) == D("0.5")
    plain = q("{1:MR:=A~=B~C}")  # only "=": C costs ½
    assert grade(plain, {"1": ["A", "B", "C"]}) == D("0.5")


def test_weights_share_the_marks():
    question = q("{3:SA:=a} {1:NM:=1} {0:SA:=z}")
    assert grade(question, {"1": "a"}) == D("0.75")
    assert grade(question, {"2": "1"}) == D("0.25")
    assert grade(question, {"3": "z"}) == 0
    assert grade(question, {"1": "a", "2": "1"}) == 1


def test_the_correct_response_earns_full_marks_and_odd_responses_earn_nothing():
    question = f.cloze()
    assert grade(question, correct_response(question)) == 1
    wild = q(r"{1:SA:=Pal*mo} {1:NM:=*}")
    assert grade(wild, correct_response(wild)) == 1
    for odd in (None, {}, "text", [1], {"1": {"x": 1}}, {"4": "Pretnja"}):
        assert grade(question, odd) == 0


def test_feedback_per_gap_for_what_was_chosen():
    question = f.cloze()
    response = {"1": "cloze-tajni-odgovor", "3": "Vrbovanje"}
    assert feedback_for(question, response) == [
        "Gap 1: CLOZE-FEEDBACK-secret",
        "Gap 3: An act",
    ]


# --- Shuffling ----------------------------------------------------------------------------------


def test_shuffled_gaps_take_every_order_and_plain_ones_keep_the_authors():
    question = q("{1:MCS:=A~B} {1:MC:=C~D~E} {1:SA:=x}")
    rng = random.Random(7)
    orders = [cloze_option_order(question, shuffle=True, rng=rng) for _ in range(40)]
    assert {tuple(o[0]) for o in orders} == {(0, 1), (1, 0)}  # uniform: no giveaway
    assert {tuple(o[1]) for o in orders} == {(0, 1, 2)}
    assert all(o[2] == [] for o in orders)
    unshuffled = cloze_option_order(question, shuffle=False, rng=rng)
    assert unshuffled == [[0, 1], [0, 1, 2], []]


# --- Through an attempt -----------------------------------------------------------------------


def quiz_with(learner, *questions, **kwargs):
    quiz = f.quiz_in_course(questions=list(questions), **kwargs)
    enrolment_create(user=learner, course=course_of(quiz))
    return quiz


def start(client, learner, quiz):
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    return Attempt.objects.get(user=learner, quiz=quiz)


def page_html(client, attempt, page=1):
    url = reverse("quizzes:attempt", args=[attempt.pk]) + f"?page={page}"
    html = client.get(url).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_the_attempt_page_shows_the_gaps_in_place_and_nothing_of_the_key(client, learner):
    quiz = quiz_with(learner, f.cloze())
    attempt = start(client, learner, quiz)
    html = page_html(client, attempt)
    for secret in ("cloze-tajni", "CLOZE-FEEDBACK-secret", "4711", "SHORTANSWER", "MULTI", "~"):
        assert secret not in html, secret
    assert "correct" not in html.lower() and "fraction" not in html.lower()
    assert html.count('type="text"') == 2 and "<select" in html
    assert html.count('type="checkbox"') == 4
    for number in (1, 2, 3, 4):
        assert f"Gap {number} of 4" in html
    assert "The Protocol signed in" in html and "the means are" in html
    # Choice values are the attempt's opaque tokens, not their places in the text.
    values = re.findall(r'name="q1_[34]" value="([^"]*)"', html)
    values += re.findall(r'<option value="([^"]+)"', html)
    assert len(values) == 7
    assert not any(v.isdigit() for v in values)
    assert len(set(values)) == 7
    # Stable: the same order and tokens on every load.
    assert page_html(client, attempt) == html


def test_the_gaps_show_in_the_readers_script(client, learner):
    quiz = quiz_with(learner, f.cloze())
    attempt = start(client, learner, quiz)
    with translation.override("sr"):
        url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    html = client.get(url).content.decode()
    assert "Експлоатација" in html and "Eksploatacija" not in html  # a choice
    assert html.count('type="text"') == 2 and html.count('type="checkbox"') == 4


def test_a_whole_attempt_right_answers_score_full_marks_and_the_review_shows_each_gap(
    client, learner
):
    quiz = quiz_with(
        learner,
        f.cloze(general_feedback="<p>Read the Protocol.</p>"),
        f.single_choice(),
        review_immediately=list(ReviewItem.values),
    )
    attempt = start(client, learner, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    for page, data in right_answers(attempt).items():
        response = client.post(url + f"?page={page}", {**data, "nav": "next"})
        assert response.status_code == 302, response.content.decode()
    aq = attempt.questions.get(question__kind=QuestionKind.CLOZE)
    assert aq.response == {
        "1": "cloze-tajni-odgovor",
        "2": "4711.25",
        "3": "Eksploatacija",
        "4": ["Pretnja", "Prevara"],
    }
    finish(client, attempt)
    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.passed
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert html.count("cloze-mark-right") == 4
    assert "CLOZE-FEEDBACK-secret" in html and "Read the Protocol." in html
    assert "4711.25 ± 0.5" in html and "Pretnja, Prevara" in html
    assert 'value="cloze-tajni-odgovor"' in html and "disabled" in html


def test_a_partly_right_attempt_is_graded_per_gap_and_its_review_says_which(client, learner):
    question = f.cloze()
    quiz = quiz_with(learner, question, review_immediately=list(ReviewItem.values))
    attempt = start(client, learner, quiz)
    data = right_answers(attempt)[1]
    data["q1_1"] = "cloze-tajni-x"  # the wildcard answer: half of 2 marks
    data["q1_2"] = "12"  # wrong
    data["q1_4"] = data["q1_4"][:1]  # one of two right ticks
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    assert client.post(url, {**data, "nav": "finish"}).status_code == 302
    finish(client, attempt)
    attempt.refresh_from_db()
    # (2 × ½ + 1 × 0 + 1 × 1 + 1 × ½) / 5 = 50 %
    assert attempt.score == 50
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert html.count("cloze-mark-partly") == 2
    assert html.count("cloze-mark-wrong") == 1 and html.count("cloze-mark-right") == 1
    assert "Almost" in html  # the wildcard answer's feedback


def test_the_review_shows_only_what_the_options_allow(client, learner):
    quiz = quiz_with(learner, f.cloze(), review_immediately=[ReviewItem.RESPONSE])
    attempt = start(client, learner, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    client.post(url, {"q1_1": "my own words", "nav": "finish"})
    finish(client, attempt)
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert 'value="my own words"' in html
    for hidden in ("cloze-mark", "cloze-tajni", "CLOZE-FEEDBACK", "4711", "correct-answer"):
        assert hidden not in html, hidden


@pytest.mark.parametrize(
    "bad",
    [
        "bare_field",
        "unknown_gap",
        "unknown_token",
        "index_as_value",
        "two_choices",
        "repeated_tick",
        "not_a_number",
        "oversized",
        "two_texts",
    ],
)
def test_malformed_cloze_answers_are_refused_and_nothing_is_saved(client, learner, bad):
    quiz = quiz_with(learner, f.cloze())
    attempt = start(client, learner, quiz)
    good = right_answers(attempt)[1]
    tick = good["q1_4"][0]
    data = {
        "bare_field": {"q1": "x"},
        "unknown_gap": {"q1_5": "x"},
        "unknown_token": {"q1_3": "AAAAAAAAAA"},
        "index_as_value": {"q1_3": "0"},
        "two_choices": {"q1_3": [good["q1_3"][0], good["q1_3"][0]]},
        "repeated_tick": {"q1_4": [tick, tick]},
        "not_a_number": {"q1_2": "four thousand"},
        "oversized": {"q1_1": "x" * 600},
        "two_texts": {"q1_1": ["a", "b"]},
    }[bad]
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    response = client.post(url, {**good, **data, "nav": "next"})
    assert response.status_code == 400
    assert b"message-error" in response.content
    assert not attempt.questions.exclude(response=None).exists()
    if bad == "not_a_number":
        assert "Question 1, gap 2: “four thousand” is not a number." in response.content.decode()


def test_another_learners_attempt_cannot_be_answered(client, learner, other_learner):
    quiz = quiz_with(learner, f.cloze())
    attempt = start(client, learner, quiz)
    client.force_login(other_learner)
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    assert client.post(url, {"q1_1": "x", "nav": "next"}).status_code == 404
    assert attempt.questions.get().response is None


def test_statistics_give_per_answer_shares_per_gap(learner, other_learner):
    question = f.cloze()
    quiz = quiz_with(learner, question)
    enrolment_create(user=other_learner, course=course_of(quiz))
    for user, response in (
        (learner, {"1": "cloze-tajni-odgovor", "3": "Eksploatacija", "4": ["Pretnja"]}),
        (other_learner, {"1": "nothing", "3": "Obmana", "4": ["Pretnja", "Prevoz"]}),
    ):
        attempt = attempt_start(user=user, quiz=quiz)
        attempt_save_responses(attempt=attempt, responses={attempt.questions.get().pk: response})
        attempt_submit(attempt=attempt)
    (item,) = quiz_statistics(quiz=quiz).items
    shares = dict(item.options)
    assert shares["Gap 1: cloze-tajni-odgovor"] == 50.0
    assert shares["Gap 3: Eksploatacija"] == 50.0 and shares["Gap 3: Obmana"] == 50.0
    assert shares["Gap 4: Pretnja"] == 100.0 and shares["Gap 4: Prevoz"] == 50.0
    assert shares["Gap 2: 4711.25"] == 0.0
    assert item.facility is not None


def test_regrade_reads_the_responses_against_the_new_version(trainer, learner):
    question = q("{1:MCS:=Palermo~Vienna~Rome}")
    quiz = quiz_with(learner, question)
    attempt = attempt_start(user=learner, quiz=quiz)
    aq = attempt.questions.get()
    attempt_save_responses(attempt=attempt, responses={aq.pk: {"1": "Vienna"}})
    assert attempt_submit(attempt=attempt).score == 0
    # The author reorders the answers and gives Vienna half: the response keeps its meaning.
    question.text = "<p>{1:MCS:Rome~%50%Vienna~=Palermo}</p>"
    question.save()
    question_versions_sync(question_ids=[question.pk])
    regrade_apply(quiz=quiz, actor=trainer)
    attempt.refresh_from_db()
    assert attempt.score == 50


def test_the_personal_data_export_lists_the_answers_in_gap_order(learner):
    from quizzes.personal_data import personal_data_quizzes

    quiz = quiz_with(learner, f.cloze())
    attempt = attempt_start(user=learner, quiz=quiz)
    aq = attempt.questions.get()
    attempt_save_responses(attempt=attempt, responses={aq.pk: {"3": "Obmana", "1": "x"}})
    (answer,) = personal_data_quizzes(learner)["attempts"][0]["answers"]
    assert answer["response"] == ["x", None, "Obmana", None]


def test_the_admin_editor_explains_the_syntax_and_saves_a_cloze_question(
    client, mfa_login, trainer, trainer_course, english
):
    from wagtail.test.utils.form_data import rich_text

    from quizzes.models import Question

    category = f.QuestionCategoryFactory(course=trainer_course)
    mfa_login(client, trainer)
    page = client.get("/admin/snippets/quizzes/question/add/").content.decode()
    assert "{1:SHORTANSWER:=Palermo#Right~%50%Pal*#Nearly}" in page
    data = {
        "name": "Protocol",
        "kind": "cloze",
        "category": category.pk,
        "language": "sr",
        "text": rich_text("<p>Signed in {1:SHORTANSWER:=Palermo} in {1:NM:=2000}.</p>"),
        "marks": "1",
        "numeric_tolerance": "0",
        "scenario_position": "0",
        "general_feedback": rich_text(""),
        "tags": "",
        "options-TOTAL_FORMS": "0",
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
        "rubric-TOTAL_FORMS": "0",  # an essay's rubric: none here
        "rubric-INITIAL_FORMS": "0",
        "rubric-MIN_NUM_FORMS": "0",
        "rubric-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/snippets/quizzes/question/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "{1:NM:=2000}" in Question.objects.get(name="Protocol").text
    data["name"] = "Broken"
    data["text"] = rich_text("<p>Signed in {1:SHORTANSWER:%50%Palermo}.</p>")
    response = client.post("/admin/snippets/quizzes/question/add/", data)
    assert response.status_code == 200 and "Gap 1" in response.content.decode()
    assert not Question.objects.filter(name="Broken").exists()


def test_a_passed_cloze_quiz_completes_the_course_and_issues_the_certificate(
    client, learner, django_capture_on_commit_callbacks
):
    quiz = quiz_with(learner, f.cloze(), required=True, pass_mark=Decimal("60"))
    attempt = start(client, learner, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for page, data in right_answers(attempt).items():
            client.post(url + f"?page={page}", {**data, "nav": "next"})
        finish(client, attempt)
    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.passed
    enrolment = Enrolment.objects.get(user=learner, course=course_of(quiz))
    assert enrolment.completed_at is not None
    assert Certificate.objects.filter(enrolment=enrolment).exists()
