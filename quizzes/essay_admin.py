"""The essay grading queue in the Wagtail admin ("Essays to grade"): the answers waiting for
a grade, oldest first, and a grading page per answer (the question, the information for
graders, the learner's answer, the rubric, feedback).

Who: administrators (every course) and trainers, for the quizzes of the courses they may
edit (`quizzes_managed_by`, as for regrade and item statistics); an answer outside them is
not found. Graders see the learner's name and institution, nothing else of them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.api import course_of, user_may_see_course_reports

from .admin_views import quizzes_managed_by
from .essays import word_count
from .selectors import essay_answers, essay_grades_latest, essays_waiting
from .services import essay_grade

QUEUE_LIMIT = 200


def essays_waiting_for(user):
    """The answers waiting that `user` may grade, oldest first."""
    return essays_waiting(quizzes=quizzes_managed_by(user))


class EssayAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "edit"

    def dispatch(self, request, *args, **kwargs):
        if not user_may_see_course_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EssayQueueView(EssayAdminMixin, View):
    template_name = "quizzes/admin/essays.html"
    page_title = _("Essays to grade")

    def get(self, request):
        waiting = essays_waiting_for(request.user).select_related(
            "attempt__user__institution", "attempt__quiz", "question"
        )
        total = waiting.count()
        answers = list(waiting[:QUEUE_LIMIT])
        courses = {}
        now = timezone.now()
        for aq in answers:
            quiz = aq.attempt.quiz
            if quiz.pk not in courses:
                courses[quiz.pk] = course_of(quiz)
            aq.course = courses[quiz.pk]
            aq.waited = now - aq.attempt.submitted_at if aq.attempt.submitted_at else None
        return self.render_to_response(
            self.get_context_data(answers=answers, total=total, limit=QUEUE_LIMIT)
        )


class EssayGradeForm(forms.Form):
    """Points per criterion of the rubric the answer's version has, or one mark."""

    feedback = forms.CharField(
        label=_("Feedback for the learner"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
        help_text=_("Plain text. The learner reads it in the review when the quiz shows feedback."),
    )

    def __init__(self, *args, question, marks, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = question.essay_rubric
        for index, criterion in enumerate(self.rubric):
            self.fields[f"points_{index}"] = forms.DecimalField(
                label=criterion.description,
                min_value=0,
                max_value=criterion.max_points,
                max_digits=6,
                decimal_places=2,
                help_text=_("0 to %(max)s points") % {"max": criterion.max_points},
            )
        if not self.rubric:
            self.fields["mark"] = forms.DecimalField(
                label=_("Mark"),
                min_value=0,
                max_value=marks,
                max_digits=6,
                decimal_places=2,
                help_text=_("0 to %(marks)s (the question's marks)") % {"marks": marks},
            )
        self.order_fields([name for name in self.fields if name != "feedback"] + ["feedback"])

    def points(self):
        if not self.rubric:
            return None
        return [self.cleaned_data[f"points_{i}"] for i in range(len(self.rubric))]


class EssayGradeView(EssayAdminMixin, View):
    template_name = "quizzes/admin/essay_grade.html"
    page_title = _("Grade an essay")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.answer_id = kwargs["answer_id"]

    def get_answer(self):
        """The answer, if it is in a quiz the user manages; else not found."""
        return get_object_or_404(
            essay_answers()
            .filter(attempt__quiz__in=quizzes_managed_by(self.request.user))
            .select_related("attempt__user__institution", "attempt__quiz", "question", "version"),
            pk=self.answer_id,
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_essays:queue"), "label": _("Essays to grade")},
            {"url": "", "label": self.get_page_title()},
        ]

    def _form(self, aq, data=None):
        grade = essay_grades_latest(attempt_question_ids=[aq.pk]).get(aq.pk)
        initial = {}
        if grade is not None:
            initial["feedback"] = grade.feedback
            if grade.rubric:
                for index, row in enumerate(grade.rubric):
                    initial[f"points_{index}"] = row["points"]
            else:
                initial["mark"] = grade.marks_obtained
        form = EssayGradeForm(data, initial=initial, question=aq.content, marks=aq.marks)
        return form, grade

    def _render(self, aq, form, grade, status=200):
        question = aq.content
        context = self.get_context_data(
            answer=aq,
            attempt=aq.attempt,
            learner=aq.attempt.user,
            question=question,
            course=course_of(aq.attempt.quiz),
            words=word_count(aq.response),
            form=form,
            grade=grade,
            history=list(aq.essay_grades.select_related("grader")),
        )
        response = self.render_to_response(context)
        response.status_code = status
        return response

    def get(self, request, answer_id):
        aq = self.get_answer()
        form, grade = self._form(aq)
        return self._render(aq, form, grade)

    def post(self, request, answer_id):
        aq = self.get_answer()
        form, grade = self._form(aq, request.POST)
        if form.is_valid():
            try:
                essay_grade(
                    attempt_question=aq,
                    grader=request.user,
                    points=form.points(),
                    mark=form.cleaned_data.get("mark"),
                    feedback=form.cleaned_data["feedback"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Graded: %(learner)s, %(quiz)s.")
                    % {"learner": aq.attempt.user.get_full_name(), "quiz": aq.attempt.quiz.title},
                )
                following = essays_waiting_for(request.user).exclude(pk=aq.pk).first()
                if following is not None:
                    return redirect("quizzes_essays:grade", following.pk)
                return redirect("quizzes_essays:queue")
        return self._render(aq, form, grade, status=400)


def essay_urlpatterns():
    return [
        path("", EssayQueueView.as_view(), name="queue"),
        path("<int:answer_id>/", EssayGradeView.as_view(), name="grade"),
    ]
