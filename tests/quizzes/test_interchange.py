"""Moodle XML and GIFT import (a report per question with its line, safe XML, the good
questions imported and the rest reported) and Moodle XML export, round trip included.
The import report's screens, embedded files and the demo bank's round trip have their own
modules (test_interchange_views.py, test_interchange_files.py, test_interchange_demo.py)."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from quizzes import factories as f
from quizzes.grading import grade
from quizzes.interchange import (
    export_moodle_xml,
    parse_file,
    parse_gift,
    parse_moodle_xml,
    questions_import,
)
from quizzes.models import Question, QuestionCategory, QuestionKind

FILES = Path(__file__).parent / "files"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def read(name):
    return (FILES / name).read_bytes()


def test_gift_good_file_parses_every_type():
    result = parse_gift(read("good.gift").decode())
    assert result.problems == []
    by_name = {q.name: q for q in result.questions}
    assert by_name["Means"].kind == QuestionKind.SINGLE
    assert by_name["Means"].options[0] == (
        "Deception",
        Decimal("1"),
        "Right: deception is a means.",
        "",
    )
    assert "how the offender gets control" in by_name["Means"].general_feedback
    assert by_name["Means"].line == 4
    assert by_name["Means"].category == ["Indicators"]
    assert by_name["Tick means"].kind == QuestionKind.MULTIPLE
    assert [o[1] for o in by_name["Tick means"].options] == [
        Decimal("0.5"),
        Decimal("0.5"),
        Decimal("-0.5"),
    ]
    assert by_name["TF"].true_false_answer is True
    assert by_name["Article"].numeric_answer == 388
    assert (by_name["Range"].numeric_answer, by_name["Range"].numeric_tolerance) == (60, 30)
    assert by_name["Word"].kind == QuestionKind.SHORT_TEXT
    assert by_name["Pairs"].kind == QuestionKind.MATCHING
    assert by_name["Pairs"].options[1][0::3] == ("Threat", "Means")
    assert "= mean in GIFT: an escape?" in by_name["Escaped"].text


def test_gift_bad_questions_are_skipped_each_with_its_line_and_reason():
    result = parse_gift(read("bad.gift").decode())
    assert result.problems == []
    by_line = {q.line: q for q in result.questions}
    assert {line for line, q in by_line.items() if not q.importable} == {3, 9}
    assert "No option is marked right" in by_line[3].problems[0]
    assert "number" in by_line[9].problems[0]
    # As Moodle reads GIFT: "{}" is an essay, a question without braces a description.
    assert by_line[5].kind == QuestionKind.ESSAY and by_line[5].importable
    assert by_line[7].kind == QuestionKind.SCENARIO and by_line[7].importable
    assert result.ok


def test_moodle_xml_good_file_parses_every_type():
    result = parse_moodle_xml(read("good.xml"))
    assert result.problems == []
    by_name = {q.name: q for q in result.questions}
    assert set(by_name) == {"Purpose", "Means", "Consent", "Protocol", "Year", "Pairs", "Steps"}
    purpose = by_name["Purpose"]
    assert purpose.kind == QuestionKind.SINGLE and purpose.marks == 2
    assert purpose.text == "<p>Which is a <b>purpose</b>?</p>"
    assert purpose.options[0] == ("Exploitation", Decimal("1"), "Yes.", "")
    assert purpose.category == ["Law", "Elements"]
    assert purpose.line == 6
    assert by_name["Means"].kind == QuestionKind.MULTIPLE
    assert by_name["Means"].options[2][1] == Decimal("-1")
    assert by_name["Consent"].true_false_answer is True
    assert by_name["Year"].numeric_answer == 2000
    assert by_name["Pairs"].options == [
        ("Recruitment", Decimal("0"), "", "Act"),
        ("Threat", Decimal("0"), "", "Means"),
    ]
    assert [o[0] for o in by_name["Steps"].options] == ["Identify", "Refer", "Protect"]


def test_moodle_xml_bad_question_is_skipped_with_its_line():
    result = parse_moodle_xml(read("bad.xml"))
    assert [q.line for q in result.skipped] == [13]
    assert [q.name for q in result.importable] == ["Fine", "Essay"]


def test_xml_with_entities_is_refused():
    result = parse_moodle_xml(read("entities.xml"))
    assert not result.ok and "entities" in result.problems[0].message


def test_broken_xml_reports_a_line():
    result = parse_moodle_xml(read("broken.xml"))
    assert not result.ok and result.problems[0].line >= 2


def test_import_creates_questions_with_revisions_in_subcategories():
    top = QuestionCategory.objects.create(name="Imported")
    created = questions_import(
        result=parse_file(name="good.xml", data=read("good.xml")), category=top, language="en"
    )
    assert len(created) == 7
    purpose = Question.objects.get(name="Purpose")
    assert purpose.category.full_name == "Imported / Law / Elements"
    assert purpose.language == "en" and purpose.revisions.count() == 1
    right = purpose.options.get(text="Exploitation")
    assert grade(purpose, right.pk) == 1


def test_import_refuses_a_file_with_nothing_importable_and_creates_nothing():
    top = QuestionCategory.objects.create(name="Imported")
    with pytest.raises(ValueError):
        questions_import(
            result=parse_file(name="broken.xml", data=read("broken.xml")),
            category=top,
            language="sr",
        )
    assert not Question.objects.exists()


def test_one_bad_question_no_longer_blocks_the_file():
    top = QuestionCategory.objects.create(name="Imported")
    result = parse_file(name="bad.gift", data=read("bad.gift"))
    created = questions_import(result=result, category=top, language="sr")
    assert sorted(q.name for q in created) == ["Essay", "Fine", "No braces"]
    assert Question.objects.count() == 3


def test_export_then_import_gives_the_same_questions():
    category = f.QuestionCategoryFactory(name="Bank")
    originals = [
        f.single_choice(category=category),
        f.multiple_response(category=category),
        f.true_false(answer=False, category=category),
        f.matching(category=category),
        f.ordering(category=category),
        f.numeric(answer="12.5", tolerance="0.5", category=category),
        f.short_text("Đorđe", category=category),
    ]
    scenario, _a, _b = f.scenario(category=category)
    xml = export_moodle_xml(Question.objects.filter(category=category).order_by("pk"))
    result = parse_moodle_xml(xml)
    assert result.problems == []
    target = QuestionCategory.objects.create(name="Again")
    created = questions_import(result=result, category=target, language="sr")
    assert len(created) == len(originals) + 3
    copies = {q.name: q for q in created}
    for original in originals:
        copy = copies[original.name]
        assert copy.kind == original.kind
        assert [(o.text, o.fraction, o.match_text) for o in copy.options.all()] == [
            (o.text, o.fraction, o.match_text) for o in original.options.all()
        ]
        assert copy.true_false_answer == original.true_false_answer
        assert copy.numeric_answer == original.numeric_answer
    copied_scenario = copies[scenario.name]
    assert copied_scenario.kind == QuestionKind.SCENARIO
    assert copied_scenario.sub_questions.count() == 2


def test_learners_cannot_import_or_export(client, mfa_login, learner):
    mfa_login(client, learner)
    assert client.get(reverse("quizzes_admin:import")).status_code in (302, 403)
    assert client.get(reverse("quizzes_admin:export")).status_code in (302, 403)


def test_export_view_downloads_xml(client, mfa_login, trainer, trainer_course):
    from audit.models import AuditAction, AuditEvent

    mine = f.single_choice(category=f.QuestionCategoryFactory(course=trainer_course))
    national = f.single_choice()
    mfa_login(client, trainer)
    response = client.get(reverse("quizzes_admin:export"))
    assert response.status_code == 200
    parsed = parse_moodle_xml(response.content)
    assert parsed.ok
    names = {q.name for q in parsed.questions}
    assert mine.name in names and national.name not in names
    event = AuditEvent.objects.get(action=AuditAction.QUESTIONS_EXPORTED)
    assert event.actor == trainer and event.details["questions"] == 1


def _import_gift(text):
    result = parse_gift(text)
    assert result.problems == []
    top = QuestionCategory.objects.create(name="Imported")
    return questions_import(result=result, category=top, language="en")


@pytest.mark.parametrize(
    "body",
    ["{#3:2}", "{#3:2~#Completely wrong}", "{#1..5}", "{#=3:2 ~#Wrong#Not at all}"],
)
def test_gift_numeric_tolerance_and_range_grade_like_moodle(body):
    (question,) = _import_gift(f"::N::How many? {body}")
    assert (question.numeric_answer, question.numeric_tolerance) == (3, 2)
    for right in ("1", "2", "3", "4", "5"):
        assert grade(question, right) == 1, right
    for wrong in ("0", "6", "5.5"):
        assert grade(question, wrong) == 0, wrong


def test_gift_several_numeric_answers_give_partial_credit():
    (question,) = _import_gift("::N::How many? {#=%100%3:0 =%50%3:1 ~#Far off}")
    assert (question.numeric_answer, question.numeric_tolerance) == (3, 0)
    assert grade(question, "3") == 1
    assert grade(question, "4") == Decimal("0.5")
    assert grade(question, "2") == Decimal("0.5")
    assert grade(question, "5") == 0


def test_gift_format_markers_on_every_text():
    result = parse_gift(
        "::H::[html]Which <b>activity</b>? {=[html]<i>Recruitment</i>#[html]<b>Yes</b> "
        "~[plain]Transport & more#[plain]No ####[html]General <em>note</em>}\n\n"
        "::P::[plain]Is 1 < 2 <b>? {=[plain]Yes ~[plain]No}\n\n"
        "::M::[markdown]Which **activity**? {=[markdown]*Recruitment* ~Transport}\n\n"
        "::Pairs::[html]Match <b>it</b>. {=[html]<b>Recruitment</b> -> Act "
        "=[plain]Threat -> Means}"
    )
    assert result.problems == []
    h, p, m, pairs = result.questions
    assert h.text == "Which <b>activity</b>?"
    assert h.options[0][0::2] == ("Recruitment", "Yes")
    assert h.options[1][0::2] == ("Transport & more", "No")
    assert h.general_feedback == "General <em>note</em>"
    assert p.text == "<p>Is 1 &lt; 2 &lt;b&gt;?</p>"
    assert [o[0] for o in p.options] == ["Yes", "No"]
    assert m.text.strip() == "<p>Which <strong>activity</strong>?</p>"
    assert [o[0] for o in m.options] == ["Recruitment", "Transport"]
    assert pairs.text == "Match <b>it</b>."
    assert [o[0] for o in pairs.options] == ["Recruitment", "Threat"]


def _multichoice_xml(single, *fractions):
    answers = "".join(
        f'<answer fraction="{fr}"><text>Option {i}</text></answer>'
        for i, fr in enumerate(fractions)
    )
    return (
        f'<quiz><question type="multichoice"><name><text>Q</text></name>'
        f"<questiontext><text>Which?</text></questiontext><single>{single}</single>"
        f"{answers}</question></quiz>"
    ).encode()


def test_moodle_fractions_kept_exactly_so_the_right_answer_gets_full_marks():
    result = parse_moodle_xml(_multichoice_xml("false", "33.33333", "33.33333", "33.33333", "-100"))
    assert result.problems == []
    top = QuestionCategory.objects.create(name="Imported")
    (question,) = questions_import(result=result, category=top, language="en")
    fractions = [o.fraction for o in question.options.all()]
    assert fractions[:3] == [Decimal("0.3333333")] * 3
    right = [o.pk for o in question.options.all() if o.fraction > 0]
    assert grade(question, right) == 1


@pytest.mark.parametrize(
    "xml",
    [
        _multichoice_xml("true", "50", "0"),  # single answer without a 100 % option
        _multichoice_xml("false", "50", "40", "0"),  # right options add up to 90 %
        _multichoice_xml("true", "100", "37"),  # 37 % is not one of Moodle's grades
    ],
)
def test_grades_moodle_refuses_are_reported(xml):
    result = parse_moodle_xml(xml)
    assert not result.ok and result.skipped[0].line == 1 and result.skipped[0].problems


@pytest.mark.parametrize(
    "path", ["$module$/top/Zakoni 2009//2016/A", "$cat1$/top/Zakoni 2009//2016/A",
             "$system$/Zakoni 2009//2016/A", "Zakoni 2009//2016/A"],
)  # fmt: skip
def test_category_context_prefixes_stripped_and_double_slash_is_one_name(path):
    result = parse_gift(f"$CATEGORY: {path}\n\n::Q::Right? {{T}}")
    assert result.questions[0].category == ["Zakoni 2009/2016", "A"]


def test_export_escapes_slashes_and_writes_paths_relative_to_the_exported_root():
    bank = f.QuestionCategoryFactory(name="Bank")
    laws = QuestionCategory.objects.create(name="Zakoni 2009/2016", parent=bank)
    on_top = f.single_choice(category=bank)
    question = f.single_choice(category=laws)
    xml = export_moodle_xml(Question.objects.filter(pk__in=[on_top.pk, question.pk]))
    assert b"Zakoni 2009//2016" in xml and b"$course$" not in xml
    result = parse_moodle_xml(xml)
    assert [q.category for q in result.questions] == [[], ["Zakoni 2009/2016"]]
    target = QuestionCategory.objects.create(name="Again")
    first, copy = questions_import(result=result, category=target, language="sr")
    assert first.category == target
    assert copy.category.parent == target and copy.category.name == "Zakoni 2009/2016"


def test_scenario_sub_question_names_do_not_grow_on_each_round_trip():
    category = f.QuestionCategoryFactory(name="Bank")
    scenario, first, _second = f.scenario(category=category)
    names = {first.name}
    for trip in range(2):
        xml = export_moodle_xml(Question.objects.filter(category=category).order_by("pk"))
        category = QuestionCategory.objects.create(name=f"Trip {trip}")
        created = questions_import(result=parse_moodle_xml(xml), category=category, language="sr")
        subs = [q for q in created if q.scenario_id is not None]
        assert first.name in {q.name for q in subs} and len(subs) == 2
        names |= {q.name for q in subs}
    assert len(names) == 2


def test_question_language_travels_in_a_tag_moodle_ignores():
    category = f.QuestionCategoryFactory(name="Bank")
    question = f.single_choice(category=category)
    Question.objects.filter(pk=question.pk).update(language="sr")
    xml = export_moodle_xml(Question.objects.filter(pk=question.pk))
    assert b"<tags><tag><text>lang:sr</text></tag></tags>" in xml
    target = QuestionCategory.objects.create(name="Again")
    (copy,) = questions_import(result=parse_moodle_xml(xml), category=target, language="en")
    assert copy.language == "sr"


# --- Issue 19, finding 1: the report, question by question ----------------------------------


def _by_name(result):
    return {q.name: q for q in result.questions}


def test_mixed_moodle_file_reports_each_question_and_imports_the_good_ones():
    result = parse_moodle_xml(read("mixed.xml"))
    assert result.problems == []
    q = _by_name(result)
    assert {name for name, p in q.items() if p.status == "skipped"} == {
        "Broken gaps",
        "Hours worked",
        "Drag the words",
        "Nothing right",
    }
    assert "calculated" in q["Hours worked"].problems[0]
    assert q["Hours worked"].line == 46
    assert "ddwtos" in q["Drag the words"].problems[0]
    assert "Gap 1" in q["Broken gaps"].problems[0]
    assert q["Protocol gaps"].status == "imported"
    assert "Not kept: feedback of “2000”, feedback of “*”." in q["Protocol year"].warnings
    # Imported with a warning, saying what changed.
    assert "HTML cleaned" in q["Purpose"].warnings[0]
    assert "<script>" in q["Purpose"].warnings[0] and "on…=" in q["Purpose"].warnings[0]
    assert "attachments = 1" in q["Analyse the judgment"].warnings[0]
    assert "33.333 % → 33.33333 %" in q["Three means"].warnings[0]
    assert result.counts() == {"imported": 1, "warning": 4, "skipped": 4}
    report = result.report()["questions"]
    assert [r["status"] for r in report][:3] == ["warning", "warning", "imported"]
    assert report[4] == {
        "line": 46, "name": "Hours worked", "type": "calculated", "kind": "",
        "category": "Case analysis", "status": "skipped",
        "messages": ["Question type “calculated” is not supported."],
    }  # fmt: skip

    top = QuestionCategory.objects.create(name="Imported")
    created = questions_import(result=result, category=top, language="en")
    assert sorted(c.name for c in created) == sorted(
        ["Purpose", "Analyse the judgment", "Protocol gaps", "Three means", "Protocol year"]
    )
    purpose = Question.objects.get(name="Purpose")
    assert purpose.text == "<p>Which is a <b>purpose</b>?</p>"
    assert purpose.idnumber == "Q-PURPOSE" and purpose.language == "sr"
    assert [t.name for t in purpose.tags.all()] == ["elements"]
    three = Question.objects.get(name="Three means")
    right = [o.pk for o in three.options.all() if o.fraction > 0]
    assert grade(three, right) == 1
    section = purpose.category
    assert section.full_name == "Imported / Case analysis"
    assert section.description == "Written analysis of court cases.\nGraded by trainers."
    assert section.idnumber == "CAT-ANALYSIS"


def test_gift_missing_word_form_shows_a_blank_and_lost_feedback_is_named():
    result = parse_gift(
        "::MW::The Protocol was signed in {=Palermo ~Vienna} in 2000.\n\n"
        "::TF::Consent matters. {F#No, it does not.#Right.}"
    )
    missing_word, true_false = result.questions
    assert missing_word.text == "<p>The Protocol was signed in _____ in 2000.</p>"
    assert true_false.warnings == ["Not kept: the feedback of the true and false answers."]


def test_moodle_combined_feedback_and_hints_are_named_when_not_kept():
    xml = (
        b'<quiz><question type="multichoice"><name><text>Q</text></name><questiontext>'
        b"<text>Which?</text></questiontext><single>true</single>"
        b'<answer fraction="100"><text>A</text></answer><answer fraction="0"><text>B</text>'
        b"</answer><correctfeedback><text>Well done.</text></correctfeedback>"
        b"<incorrectfeedback><text></text></incorrectfeedback><hint><text>Think.</text></hint>"
        b"</question></quiz>"
    )
    (question,) = parse_moodle_xml(xml).questions
    assert question.warnings == ["Not kept: correctfeedback, hint."]


def test_gift_file_with_essay_description_and_bad_questions():
    result = parse_gift(read("mixed.gift").decode())
    q = _by_name(result)
    assert q["Essay"].kind == QuestionKind.ESSAY and q["Essay"].status == "imported"
    assert (q["Essay"].idnumber, q["Essay"].language, q["Essay"].tags) == (
        "G-ESSAY", "en", ["analysis"]
    )  # fmt: skip
    assert q["Vignette"].kind == QuestionKind.SCENARIO
    assert q["Means"].status == "imported"
    assert {n for n, p in q.items() if p.status == "skipped"} == {"Wrong", "Broken", "Number"}
    assert q["Broken"].line == 13 and "braces" in q["Broken"].problems[0]


# --- Essay and cloze, both ways -----------------------------------------------------------


def _round_trip(question_ids, *, language="sr"):
    xml = export_moodle_xml(
        Question.objects.filter(pk__in=question_ids).select_related("category").order_by("pk")
    )
    result = parse_moodle_xml(xml)
    assert result.skipped == [] and result.problems == []
    target = QuestionCategory.objects.create(name=f"Again {QuestionCategory.objects.count()}")
    return xml, questions_import(result=result, category=target, language=language)


def test_essay_settings_round_trip_through_moodle_xml():
    essay = f.QuestionFactory(
        kind=QuestionKind.ESSAY,
        name="Essay",
        text="<p>Analyse <b>the case</b>.</p>",
        marks=Decimal("10"),
        essay_min_words=100,
        essay_max_words=500,
        essay_response_template="Facts:\nLaw:\nConclusion:",
        essay_grader_info="<p>Mentions <i>Article 4</i>.</p>",
        idnumber="E-1",
    )
    xml, (copy,) = _round_trip([essay.pk])
    assert b'<question type="essay">' in xml and b"<minwordlimit>100</minwordlimit>" in xml
    fields = ("kind", "text", "marks", "essay_min_words", "essay_max_words",
              "essay_response_template", "essay_grader_info", "idnumber", "language")  # fmt: skip
    for field in fields:
        assert getattr(copy, field) == getattr(essay, field), field
    assert copy.versions.get().snapshot["essay"]["max_words"] == 500


def test_cloze_text_is_kept_as_written_both_ways():
    text = (
        "<p>Adopted in {1:SHORTANSWER:=Palermo#Right~%50%Vienna#Half} in "
        "{2:NUMERICAL:=2000:0~%50%2000:1} and signed by {1:MULTICHOICE:=States~NGOs}.</p>"
    )
    cloze = f.QuestionFactory(kind=QuestionKind.CLOZE, name="Cloze", text=text)
    xml, (copy,) = _round_trip([cloze.pk])
    assert b'<question type="cloze">' in xml
    assert copy.kind == QuestionKind.CLOZE and copy.text == text


def test_numeric_partial_credit_round_trips_through_moodle_xml():
    (question,) = _import_gift("::N::How many? {#=%100%3:0 =%50%3:1 =%25%3:2 ~#Far off}")
    xml, (copy,) = _round_trip([question.pk])
    assert xml.count(b"<tolerance>") == 3
    assert (copy.numeric_answer, copy.numeric_tolerance) == (3, 0)
    assert [(o.text, o.fraction, o.match_text) for o in copy.options.all()] == [
        ("3", Decimal("0.5"), "1"),
        ("3", Decimal("0.25"), "2"),
    ]
    for answer, expected in (("3", 1), ("4", Decimal("0.5")), ("5", Decimal("0.25")), ("6", 0)):
        assert grade(copy, answer) == expected, answer


def test_category_descriptions_and_idnumbers_round_trip():
    bank = f.QuestionCategoryFactory(name="Bank", description="The whole bank.")
    laws = QuestionCategory.objects.create(
        name="Laws", parent=bank, description="Domestic law.\nArticle 388.", idnumber="LAW"
    )
    deep = QuestionCategory.objects.create(name="Deep", parent=laws)
    other = QuestionCategory.objects.create(name="Other", parent=bank)
    ids = [f.true_false(category=deep).pk, f.true_false(category=other).pk]
    xml, created = _round_trip(ids)
    assert b"<idnumber>LAW</idnumber>" in xml and b"Domestic law." in xml
    copied_laws = created[0].category.parent
    assert copied_laws.name == "Laws"
    assert (copied_laws.description, copied_laws.idnumber) == ("Domestic law.\nArticle 388.", "LAW")


def test_our_own_fields_travel_as_tags():
    from accounts.api import Profession

    question = f.single_choice()
    profession = Profession.values[0]
    Question.objects.filter(pk=question.pk).update(audience_professions=[profession])
    question.refresh_from_db()
    question.tags.add("indicators")
    question.save()
    xml, (copy,) = _round_trip([question.pk])
    assert f"<text>audience:{profession}</text>".encode() in xml
    assert copy.audience_professions == [profession]
    assert [t.name for t in copy.tags.all()] == ["indicators"]


# --- HTML cleaning ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "clean", "removed"),
    [
        ('<p onmouseover="x()">Hi</p>', "<p>Hi</p>", "on…="),
        ("<p>A<script>steal()</script></p>", "<p>A</p>", "<script>"),
        ('<p style="color:red">A</p>', "<p>A</p>", "style="),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", "href=javascript:"),
        ("<p><iframe src='https://x'></iframe>A</p>", "<p>A</p>", "<iframe>"),
        ("<table><tr><td>A</td></tr></table>", "A", "<table>"),
    ],
)
def test_imported_html_is_cleaned_and_the_cleaning_reported(html, clean, removed):
    xml = (
        '<quiz><question type="truefalse"><name><text>T</text></name><questiontext '
        f'format="html"><text><![CDATA[{html}]]></text></questiontext><answer fraction="100">'
        "<text>true</text></answer></question></quiz>"
    ).encode()
    (question,) = parse_moodle_xml(xml).questions
    assert question.text == clean
    assert removed in question.warnings[0]


def test_gift_html_keeps_no_image_from_elsewhere():
    (question,) = parse_gift(
        '::I::[html]<p>See <img src="https://x.example/p.gif"> it.</p> {T}'
    ).questions
    assert question.text == "<p>See  it.</p>"
    assert "Images from other sites are taken out" in question.warnings[0]


def test_clean_html_imports_without_a_warning():
    result = parse_moodle_xml(read("good.xml"))
    assert all(q.status == "imported" for q in result.questions)


# --- GIFT export --------------------------------------------------------------------------


def test_gift_export_leaves_out_cloze_and_ordering_and_says_so():
    from quizzes.interchange import export_gift

    category = f.QuestionCategoryFactory(name="Bank")
    kept = [
        f.single_choice(category=category),
        f.multiple_response(category=category),
        f.true_false(answer=False, category=category),
        f.matching(category=category),
        f.numeric(answer="12.5", tolerance="0.5", category=category),
        f.short_text("Đorđe", category=category),
        f.QuestionFactory(kind=QuestionKind.ESSAY, category=category, essay_max_words=300),
    ]
    cloze = f.QuestionFactory(
        kind=QuestionKind.CLOZE, category=category, text="<p>{1:SA:=Palermo}</p>"
    )
    ordering = f.ordering(category=category)
    export = export_gift(Question.objects.filter(category=category).order_by("pk"))
    assert [name for name, _why in export.skipped] == [cloze.name, ordering.name]
    assert f"// Not exported: {cloze.name}: GIFT has no embedded answers" in export.text
    assert ("essay settings" in export.text) and kept[-1].name in export.text
    result = parse_gift(export.text)
    assert result.skipped == []
    target = QuestionCategory.objects.create(name="Again")
    created = {q.name: q for q in questions_import(result=result, category=target, language="en")}
    assert set(created) == {q.name for q in kept}
    for original in kept:
        copy = created[original.name]
        assert (copy.kind, copy.language) == (original.kind, original.language)
        assert [(o.text, o.fraction, o.match_text) for o in copy.options.all()] == [
            (o.text, o.fraction, o.match_text) for o in original.options.all()
        ]
        assert (copy.true_false_answer, copy.numeric_answer, copy.numeric_tolerance) == (
            original.true_false_answer, original.numeric_answer, original.numeric_tolerance,
        )  # fmt: skip
