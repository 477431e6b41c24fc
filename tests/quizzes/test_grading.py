"""Every question type's grading, partial credit and negative marking included."""

from decimal import Decimal

import pytest

from quizzes import factories as f
from quizzes.grading import grade, normalise_text

pytestmark = pytest.mark.django_db


def ids(question):
    return {o.text or o.match_text: o.pk for o in question.options.all()}


def test_single_choice_right_wrong_and_unknown_option():
    q = f.single_choice()
    o = ids(q)
    assert grade(q, o["Exploitation"]) == 1
    assert grade(q, o["Recruitment"]) == 0
    assert grade(q, 999999) == 0
    assert grade(q, None) == 0


def test_single_choice_partly_right_option_gives_its_fraction():
    q = f.QuestionFactory()
    half = f.option(q, "Almost", 0.5)
    assert grade(q, half.pk) == Decimal("0.5")


def test_multiple_response_partial_credit():
    q = f.multiple_response()
    o = ids(q)
    assert grade(q, [o["Threat"], o["Deception"]]) == 1
    assert grade(q, [o["Threat"]]) == Decimal("0.5")


def test_multiple_response_wrong_ticks_cost_marks():
    q = f.multiple_response()
    o = ids(q)
    # "Transport" has fraction 0: a wrong tick costs as much as one right option (½).
    assert grade(q, [o["Threat"], o["Deception"], o["Transport"]]) == Decimal("0.5")
    # "Harbouring" carries its own penalty of ½.
    assert grade(q, [o["Threat"], o["Harbouring"]]) == 0


def test_multiple_response_ticking_everything_does_not_pay_and_never_goes_below_zero():
    q = f.multiple_response()
    assert grade(q, list(ids(q).values())) == 0
    o = ids(q)
    assert grade(q, [o["Transport"], o["Harbouring"]]) == 0


def test_true_false():
    q = f.true_false(answer=False)
    assert grade(q, False) == 1
    assert grade(q, True) == 0
    assert grade(q, None) == 0


def test_matching_partial_credit_by_pairs():
    q = f.matching()
    o = ids(q)
    full = {str(o["Recruitment"]): o["Recruitment"], str(o["Threat"]): o["Threat"]}
    full[str(o["Forced labour"])] = o["Forced labour"]
    assert grade(q, full) == 1
    two = {**full, str(o["Forced labour"]): o["Defence"]}
    assert grade(q, two) == Decimal("0.66667")
    assert grade(q, {str(o["Threat"]): o["Threat"]}) == Decimal("0.33333")


def test_ordering_partial_credit_by_position():
    q = f.ordering()
    o = ids(q)
    right = {str(o["Identify"]): 1, str(o["Refer"]): 2, str(o["Protect"]): 3}
    right[str(o["Reintegrate"])] = 4
    assert grade(q, right) == 1
    swapped = {**right, str(o["Protect"]): 4, str(o["Reintegrate"]): 3}
    assert grade(q, swapped) == Decimal("0.5")


def test_numeric_with_tolerance_and_decimal_comma():
    q = f.numeric(answer="12.5", tolerance="0.5")
    assert grade(q, "12,9") == 1
    assert grade(q, "13") == 1
    assert grade(q, "13.1") == 0
    assert grade(q, "not a number") == 0
    assert grade(q, "NaN") == 0


def test_short_text_ignores_case_diacritics_and_script():
    q = f.short_text("Đorđe Čolić", "radna eksploatacija")
    assert grade(q, "djordje colic") == 1
    assert grade(q, "ЂОРЂЕ ЧОЛИЋ") == 1
    assert grade(q, "  Радна   експлоатација ") == 1
    assert grade(q, "radna") == 0


def test_short_text_partly_accepted_answer():
    q = f.short_text("trgovina ljudima")
    f.option(q, "trgovina", 0.5)
    assert grade(q, "Trgovina") == Decimal("0.5")
    assert grade(q, "трговина људима") == 1


def test_normalise_text_folds_latin_and_cyrillic_alike():
    assert normalise_text("Љубљана") == normalise_text("ljubljana")
    assert normalise_text("Ćevapi") == "cevapi"


def test_scenario_itself_is_not_graded():
    s, _a, _b = f.scenario()
    assert grade(s, 1) == 0
