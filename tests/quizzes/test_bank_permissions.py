"""The question bank is scoped to courses: a trainer sees and keeps only the categories and
questions of the courses they author; the national bank (no course) is readable by every
trainer and kept only by senior trainers and administrators. Each test tries one crossing,
then checks that nothing changed."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Role
from courses.authoring import course_assign_trainer
from courses.factories import CoursePageFactory
from quizzes import factories as f
from quizzes.models import Question, QuestionCategory, QuizSlot

from .test_versions import question_form_data

pytestmark = pytest.mark.django_db

REFUSED = (403, 404)


def q_url(name, *args):
    return reverse(f"wagtailsnippets_quizzes_question:{name}", args=args)


def c_url(name, *args):
    return reverse(f"wagtailsnippets_quizzes_questioncategory:{name}", args=args)


@pytest.fixture
def bank(trainer, tree):
    """Course A (the trainer's) and course B (another trainer's), each with a category and
    a question; a national category with a question."""
    course_a, course_b = CoursePageFactory(), CoursePageFactory()
    course_assign_trainer(course=course_a, user=trainer)
    other = UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)])
    course_assign_trainer(course=course_b, user=other)
    cat_a = QuestionCategory.objects.create(name="A bank", course=course_a)
    cat_b = QuestionCategory.objects.create(name="B bank", course=course_b)
    national = QuestionCategory.objects.create(name="National bank")
    q_a = f.single_choice(category=cat_a, name="Question of A")
    q_b = f.single_choice(category=cat_b, name="Question of B")
    q_n = f.true_false(answer=True, category=national, name="National question")
    for q in (q_a, q_b, q_n):
        q.save_revision()
    return {
        "course_a": course_a,
        "course_b": course_b,
        "cat_a": cat_a,
        "cat_b": cat_b,
        "national": national,
        "q_a": q_a,
        "q_b": q_b,
        "q_n": q_n,
        "other": other,
    }


def state():
    """Everything a crossing could change."""
    return (
        sorted(
            Question.objects.values_list(
                "pk", "name", "category_id", "text", "true_false_answer", "updated_at"
            )
        ),
        sorted(QuestionCategory.objects.values_list("pk", "name", "parent_id", "course_id")),
        sorted(
            (o.question_id, o.text, str(o.fraction))
            for q in Question.objects.prefetch_related("options")
            for o in q.options.all()
        ),
        sorted(QuizSlot.objects.values_list("page_id", "question_id", "category_id")),
    )


def test_trainer_cannot_touch_another_courses_question(client, mfa_login, trainer, bank):
    q_b = bank["q_b"]
    revision = q_b.revisions.get()
    before = state()
    mfa_login(client, trainer)
    urls = [
        q_url("edit", q_b.pk),
        q_url("delete", q_b.pk),
        q_url("copy", q_b.pk),
        q_url("history", q_b.pk),
        q_url("history_results", q_b.pk),
        q_url("usage", q_b.pk),
        q_url("revisions_revert", q_b.pk, revision.pk),
    ]
    for url in urls:
        assert client.get(url).status_code in REFUSED, url
    data = question_form_data(q_b, name="Hijacked", category=bank["cat_a"].pk)
    for url in urls:
        assert client.post(url, data).status_code in REFUSED, url
    assert state() == before


def test_trainer_cannot_touch_another_courses_category(client, mfa_login, trainer, bank):
    cat_b = bank["cat_b"]
    before = state()
    mfa_login(client, trainer)
    urls = [
        c_url("edit", cat_b.pk),
        c_url("delete", cat_b.pk),
        c_url("copy", cat_b.pk),
        c_url("history", cat_b.pk),
        c_url("usage", cat_b.pk),
    ]
    data = {"name": "Hijacked", "parent": "", "course": bank["course_a"].pk, "description": ""}
    for url in urls:
        assert client.get(url).status_code in REFUSED, url
        assert client.post(url, data).status_code in REFUSED, url
    assert state() == before


def test_bulk_delete_skips_what_the_trainer_does_not_keep(client, mfa_login, trainer, bank):
    mfa_login(client, trainer)
    url = reverse("wagtail_bulk_action", args=("quizzes", "question", "delete"))
    ids = f"?id={bank['q_b'].pk}&id={bank['q_n'].pk}"
    client.post(url + ids, {})
    assert Question.objects.filter(pk__in=[bank["q_b"].pk, bank["q_n"].pk]).count() == 2
    # The same request on their own question deletes it (so the refusal above is real).
    client.post(url + f"?id={bank['q_a'].pk}", {})
    assert not Question.objects.filter(pk=bank["q_a"].pk).exists()


def test_plain_trainer_reads_but_cannot_edit_the_national_bank(client, mfa_login, trainer, bank):
    q_n = bank["q_n"]
    before = state()
    mfa_login(client, trainer)
    assert client.get(q_url("edit", q_n.pk)).status_code in REFUSED
    data = question_form_data(q_n, true_false_answer="false")
    assert client.post(q_url("edit", q_n.pk), data).status_code in REFUSED
    assert client.post(q_url("delete", q_n.pk)).status_code in REFUSED
    data = {"name": "Renamed", "parent": "", "course": "", "description": ""}
    assert client.post(c_url("edit", bank["national"].pk), data).status_code in REFUSED
    # A new national category, or one of another course: refused by the form.
    response = client.post(c_url("add"), {"name": "New national", "parent": "", "course": ""})
    assert response.status_code == 200
    response = client.post(
        c_url("add"), {"name": "Into B", "parent": "", "course": bank["course_b"].pk}
    )
    assert response.status_code == 200
    response = client.post(
        c_url("add"), {"name": "Under B", "parent": bank["cat_b"].pk, "course": ""}
    )
    assert response.status_code == 200
    assert state() == before
    # ...but reads it: the listing shows it, and B's question not.
    html = client.get(q_url("list")).content.decode()
    assert "National question" in html and "Question of A" in html
    assert "Question of B" not in html


def test_senior_trainer_keeps_the_national_bank(client, mfa_login, tree, bank):
    senior = UserFactory(institution=tree["ministry"], roles=[(Role.SENIOR_TRAINER, None)])
    q_n = bank["q_n"]
    mfa_login(client, senior)
    data = question_form_data(q_n, true_false_answer="false")
    response = client.post(q_url("edit", q_n.pk), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    q_n.refresh_from_db()
    assert q_n.true_false_answer is False
    # Not another course's bank, though.
    assert client.get(q_url("edit", bank["q_b"].pk)).status_code in REFUSED


def test_trainer_keeps_their_own_courses_bank(client, mfa_login, trainer, bank):
    q_a = bank["q_a"]
    mfa_login(client, trainer)
    assert client.get(q_url("edit", q_a.pk)).status_code == 200
    response = client.post(q_url("edit", q_a.pk), question_form_data(q_a, name="Renamed A"))
    assert response.status_code == 302, response.context["form"].errors
    q_a.refresh_from_db()
    assert q_a.name == "Renamed A"
    # A question cannot be moved into another course's category.
    response = client.post(
        q_url("edit", q_a.pk), question_form_data(q_a, category=bank["cat_b"].pk)
    )
    assert response.status_code == 200
    q_a.refresh_from_db()
    assert q_a.category_id == bank["cat_a"].pk
    # Copying a national question into their own category is reading it.
    assert client.get(q_url("copy", bank["q_n"].pk)).status_code == 200
    # A sub-category of their own takes their course.
    response = client.post(
        c_url("add"), {"name": "Sub of A", "parent": bank["cat_a"].pk, "course": ""}
    )
    assert response.status_code == 302
    assert QuestionCategory.objects.get(name="Sub of A").course_id == bank["course_a"].pk
    unused = f.single_choice(category=bank["cat_a"], name="Unused of A")
    assert client.post(q_url("delete", unused.pk)).status_code == 302
    assert not Question.objects.filter(pk=unused.pk).exists()


def test_choosers_offer_only_readable_questions(client, mfa_login, trainer, bank):
    mfa_login(client, trainer)
    base = "wagtailsnippetchoosers_quizzes_question"
    html = client.get(reverse(f"{base}:choose_results")).content.decode()
    assert "Question of A" in html and "National question" in html
    assert "Question of B" not in html
    chosen_b = reverse(f"{base}:chosen", args=[bank["q_b"].pk])
    assert client.get(chosen_b, follow=True).status_code == 404
    assert client.get(reverse(f"{base}:chosen", args=[bank["q_n"].pk])).status_code == 200
    multiple = reverse(f"{base}:chosen_multiple") + f"?id={bank['q_b'].pk}"
    assert "Question of B" not in client.get(multiple).content.decode()


def test_import_into_another_courses_category_is_refused(client, mfa_login, trainer, bank):
    from quizzes.interchange import parse_file, questions_import

    from .test_interchange import read

    before = state()
    mfa_login(client, trainer)
    response = client.post(
        reverse("quizzes_admin:import"),
        {
            "content": read("good.gift").decode(),
            "filename": "good.gift",
            "category": bank["cat_b"].pk,
            "language": "sr",
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert state() == before
    # The service refuses it too.
    from django.core.exceptions import PermissionDenied

    result = parse_file(name="good.gift", data=read("good.gift"))
    with pytest.raises(PermissionDenied):
        questions_import(result=result, category=bank["cat_b"], language="sr", user=trainer)
    assert state() == before


def test_export_of_another_courses_or_the_national_category_is_refused(
    client, mfa_login, trainer, bank
):
    from audit.models import AuditAction, AuditEvent

    mfa_login(client, trainer)
    url = reverse("quizzes_admin:export")
    for category in (bank["cat_b"], bank["national"]):
        assert client.get(url + f"?category={category.pk}").status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.QUESTIONS_EXPORTED).exists()
    response = client.get(url + f"?category={bank['cat_a'].pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Question of A" in body and "Question of B" not in body
    event = AuditEvent.objects.get(action=AuditAction.QUESTIONS_EXPORTED)
    assert event.details["category"] == bank["cat_a"].pk and event.actor == trainer


def _quiz_data(quiz, user, slots):
    """The quiz page's edit form data as it stands, with `slots` [(question, category)]."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    form_class = type(quiz).get_edit_handler().get_form_class()
    form = form_class(instance=quiz, parent_page=quiz.get_parent(), for_user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    data["intro"] = rich_text(quiz.intro or "")
    data["slots"] = inline_formset(
        [
            {
                "question": q.pk if q else "",
                "category": c.pk if c else "",
                "draw_count": "1",
                "ORDER": str(i),
            }
            for i, (q, c) in enumerate(slots, 1)
        ]
    )
    return form_class, nested_form_data(data)


def _quiz_form(quiz, user, slots):
    form_class, data = _quiz_data(quiz, user, slots)
    return form_class(data, instance=quiz, parent_page=quiz.get_parent(), for_user=user)


def test_a_quiz_may_draw_only_from_its_course_and_the_national_bank(trainer, bank):
    quiz = f.quiz_in_course(course=bank["course_a"])
    for slots in ([(bank["q_b"], None)], [(None, bank["cat_b"])]):
        form = _quiz_form(quiz, trainer, slots)
        assert not form.is_valid()
    form = _quiz_form(quiz, trainer, [(bank["q_a"], None), (bank["q_n"], None)])
    assert form.is_valid(), form.errors
    form = _quiz_form(quiz, trainer, [(None, bank["cat_a"]), (None, bank["national"])])
    assert form.is_valid(), form.errors


def test_quiz_edit_picking_another_courses_question_saves_nothing(
    client, mfa_login, trainer, bank, english
):
    quiz = f.quiz_in_course(course=bank["course_a"], questions=[bank["q_a"]])
    revisions = quiz.revisions.count()
    before = state()
    mfa_login(client, trainer)
    _form_class, data = _quiz_data(quiz, trainer, [(bank["q_b"], None)])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[quiz.pk]), data)
    assert response.status_code == 200
    assert "may use only its own course" in response.content.decode()
    assert quiz.revisions.count() == revisions
    assert state() == before


def test_deleting_a_question_answered_in_attempts_says_why(
    client, mfa_login, trainer, bank, english
):
    from courses.services import enrolment_create
    from quizzes.services import attempt_start

    learner = UserFactory()
    quiz = f.quiz_in_course(course=bank["course_a"])
    # Drawn from its category: the quiz names no question, the attempt does.
    QuizSlot.objects.create(page=quiz, category=bank["cat_a"], draw_count=1, sort_order=0)
    enrolment_create(user=learner, course=bank["course_a"])
    attempt_start(user=learner, quiz=quiz)
    mfa_login(client, trainer)
    response = client.post(q_url("delete", bank["q_a"].pk))
    assert response.status_code == 200
    assert "cannot be deleted: learners have answered it" in response.content.decode()
    assert Question.objects.filter(pk=bank["q_a"].pk).exists()


def test_sub_categories_follow_their_top_category(bank):
    sub = QuestionCategory.objects.create(name="Sub", parent=bank["cat_a"])
    assert sub.course_id == bank["course_a"].pk
    leaf = QuestionCategory(name="Leaf", parent=sub, course=bank["course_b"])
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        leaf.full_clean()
    bank["cat_a"].course = bank["course_b"]
    bank["cat_a"].save()
    sub.refresh_from_db()
    assert sub.course_id == bank["course_b"].pk


def test_trainer_reverts_their_question_and_a_version_is_written(client, mfa_login, trainer, bank):
    from quizzes.versions import question_versions_sync

    q_a = bank["q_a"]
    old_revision = q_a.revisions.get()
    question_versions_sync(question_ids=[q_a.pk])
    mfa_login(client, trainer)
    url = q_url("edit", q_a.pk)
    from wagtail.test.utils.form_data import rich_text

    changed = question_form_data(q_a, text=rich_text("<p>Changed</p>"))
    assert client.post(url, changed).status_code == 302
    q_a.refresh_from_db()
    revert = q_url("revisions_revert", q_a.pk, old_revision.pk)
    assert client.get(revert).status_code == 200
    reverted = old_revision.as_object()
    response = client.post(revert, question_form_data(reverted))
    assert response.status_code == 302
    q_a.refresh_from_db()
    assert "Which element is the purpose?" in q_a.text
    v1, v2, v3 = q_a.versions.all()
    assert (v1.number, v2.number, v3.number) == (1, 2, 3)
    assert v2.snapshot["text"] == "<p>Changed</p>" and v3.snapshot == v1.snapshot


def test_trainer_deletes_an_empty_category_of_their_course_only(client, mfa_login, trainer, bank):
    mine = QuestionCategory.objects.create(name="Empty A", course=bank["course_a"])
    theirs = QuestionCategory.objects.create(name="Empty B", course=bank["course_b"])
    mfa_login(client, trainer)
    assert client.post(c_url("delete", theirs.pk)).status_code in REFUSED
    assert client.post(c_url("delete", mine.pk)).status_code == 302
    assert not QuestionCategory.objects.filter(pk=mine.pk).exists()
    assert QuestionCategory.objects.filter(pk=theirs.pk).exists()
