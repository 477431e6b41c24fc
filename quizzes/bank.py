"""Who may read and keep which part of the question bank.

- Categories belong to a course (`QuestionCategory.course`, sub-categories inherit their
  top's) or to the shared national bank (no course).
- Administrators read and keep everything.
- Trainers and senior trainers read the categories (and their questions) of the courses
  they author and the national bank; they keep (edit, delete, import into, export with
  answers) those of the courses they author.
- Only senior trainers and administrators keep the national bank.
- Nobody else sees the bank.

`bank_scope(user)` answers every question; `BankPermissionPolicy` gives the same answers to
Wagtail (snippet views, choosers, bulk actions), registered in `wagtail_hooks`, and the
bank's admin forms (`QuestionCategoryForm`, `QuestionForm`) offer only what the user keeps.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.api import Profession, Role, user_is_administrator
from courses.api import CoursePage, course_ids_authored_by, default_locale_id

from .models import Question, QuestionCategory, QuestionKind

BANK_ROLES = (Role.TRAINER, Role.SENIOR_TRAINER)


class BankScope:
    def __init__(self, user):
        self.user = user
        active = bool(user.is_authenticated and user.is_active)
        self.is_administrator = active and user_is_administrator(user)
        self.is_bank_user = self.is_administrator or (
            active and any(user.has_role(role) for role in BANK_ROLES)
        )
        self.may_edit_national_bank = self.is_administrator or (
            active and user.has_role(Role.SENIOR_TRAINER)
        )
        self._course_ids: set[int] | None = None

    @property
    def course_ids(self) -> set[int]:
        """The courses whose bank this user keeps (as an author)."""
        if self._course_ids is None:
            self._course_ids = (
                course_ids_authored_by(user=self.user) if self.is_bank_user else set()
            )
        return self._course_ids

    # --- single answers --------------------------------------------------------------------

    def may_read_course_bank(self, *, course_id: int | None) -> bool:
        if self.is_administrator:
            return True
        if not self.is_bank_user:
            return False
        return course_id is None or course_id in self.course_ids

    def may_edit_course_bank(self, *, course_id: int | None) -> bool:
        if self.is_administrator:
            return True
        if not self.is_bank_user:
            return False
        if course_id is None:
            return self.may_edit_national_bank
        return course_id in self.course_ids

    def may_read_category(self, category: QuestionCategory) -> bool:
        return self.may_read_course_bank(course_id=category.course_id)

    def may_edit_category(self, category: QuestionCategory) -> bool:
        return self.may_edit_course_bank(course_id=category.course_id)

    # --- querysets -------------------------------------------------------------------------

    def _course_filter(self, *, prefix: str, edit: bool) -> Q | None:
        """None: everything; otherwise the Q a row's course must meet."""
        if self.is_administrator:
            return None
        if not self.is_bank_user:
            return Q(pk__in=[])
        within = Q(**{f"{prefix}course_id__in": self.course_ids})
        if not edit or self.may_edit_national_bank:
            within |= Q(**{f"{prefix}course__isnull": True})
        return within

    def _categories(self, *, edit: bool) -> QuerySet:
        condition = self._course_filter(prefix="", edit=edit)
        categories = QuestionCategory.objects.all()
        return categories if condition is None else categories.filter(condition)

    def _questions(self, *, edit: bool) -> QuerySet:
        condition = self._course_filter(prefix="category__", edit=edit)
        questions = Question.objects.all()
        return questions if condition is None else questions.filter(condition)

    def readable_categories(self) -> QuerySet:
        return self._categories(edit=False)

    def editable_categories(self) -> QuerySet:
        return self._categories(edit=True)

    def readable_questions(self) -> QuerySet:
        return self._questions(edit=False)

    def editable_questions(self) -> QuerySet:
        return self._questions(edit=True)

    def authored_courses(self) -> QuerySet:
        """The courses a category of this user may be given."""
        if self.is_administrator:
            return CoursePage.objects.filter(locale_id=default_locale_id()).order_by("title")
        return CoursePage.objects.filter(pk__in=self.course_ids).order_by("title")


def bank_scope(user) -> BankScope:
    """The user's reach in the bank (kept on the user object for the request)."""
    scope = getattr(user, "_quiz_bank_scope", None)
    if scope is None:
        scope = BankScope(user)
        if user.is_authenticated:
            user._quiz_bank_scope = scope
    return scope


def refuse(request):
    """A plain 403 (Wagtail's admin would turn a PermissionDenied into a redirect to the
    dashboard, which a caller cannot tell from success)."""
    return permission_denied(request, PermissionDenied())


def course_bank_categories(*, course_id: int | None) -> QuerySet:
    """The categories a quiz of `course_id` may use: its course's and the national bank."""
    return QuestionCategory.objects.filter(Q(course__isnull=True) | Q(course_id=course_id))


def course_may_use_category(*, course_id: int | None, category: QuestionCategory) -> bool:
    return category.course_id is None or category.course_id == course_id


# --- Wagtail ------------------------------------------------------------------------------

# The snippet viewsets (wagtail_hooks) edit the bank with these forms.


class QuestionCategoryForm(WagtailAdminModelForm):
    """Parents and courses offered are those the editing user may keep."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        scope = bank_scope(self.for_user)
        if "parent" in self.fields:
            self.fields["parent"].queryset = scope.editable_categories()
        if "course" in self.fields:
            self.fields["course"].queryset = scope.authored_courses()

    def clean(self):
        cleaned = super().clean()
        if self.for_user is None:
            return cleaned
        scope = bank_scope(self.for_user)
        parent = cleaned.get("parent")
        course = parent.top().course if parent is not None else cleaned.get("course")
        if not scope.may_edit_course_bank(course_id=course.pk if course else None):
            self.add_error(
                "course" if parent is None else "parent",
                _(
                    "You may keep only the categories of the courses you author; the "
                    "national bank is kept by senior trainers and administrators."
                ),
            )
        return cleaned


class QuestionForm(WagtailAdminModelForm):
    """Categories and scenarios offered are those the editing user may keep."""

    audience_professions = forms.MultipleChoiceField(
        label=_("Audience professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        scope = bank_scope(self.for_user)
        if "category" in self.fields:
            self.fields["category"].queryset = scope.editable_categories()
        if "scenario" in self.fields:
            self.fields["scenario"].queryset = scope.editable_questions().filter(
                kind=QuestionKind.SCENARIO
            )

    def clean(self):
        cleaned = super().clean()
        rubric = getattr(self, "formsets", {}).get("rubric")
        if rubric is not None and cleaned.get("kind") != QuestionKind.ESSAY and rubric.is_valid():
            kept = [
                form
                for form in rubric.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if kept:
                self.add_error("kind", _("A rubric is only for essay questions: remove it."))
        return cleaned


READ_ACTIONS = {"view", "choose"}


class BankPermissionPolicy(ModelPermissionPolicy):
    """The model permissions Wagtail checks (trainers' groups hold add / change / delete),
    narrowed to the categories the user may read ("view", "choose") or keep (the rest)."""

    def _course_id(self, instance) -> int | None:
        if isinstance(instance, QuestionCategory):
            return instance.course_id
        return instance.category.course_id

    def _has_model_permission(self, user, action: str) -> bool:
        if action in READ_ACTIONS:
            return self.user_has_any_permission(user, ["add", "change", "delete", "view"])
        return self.user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self._has_model_permission(user, action):
            return False
        scope = bank_scope(user)
        course_id = self._course_id(instance)
        if action in READ_ACTIONS:
            return scope.may_read_course_bank(course_id=course_id)
        return scope.may_edit_course_bank(course_id=course_id)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def _scoped(self, user, *, edit: bool) -> QuerySet:
        scope = bank_scope(user)
        if self.model is QuestionCategory:
            return scope.editable_categories() if edit else scope.readable_categories()
        return scope.editable_questions() if edit else scope.readable_questions()

    def instances_user_has_permission_for(self, user, action) -> QuerySet:
        if not self._has_model_permission(user, action):
            return self.model.objects.none()
        return self._scoped(user, edit=action not in READ_ACTIONS)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        actions = list(actions)
        if not any(self._has_model_permission(user, a) for a in actions):
            return self.model.objects.none()
        edit_only = all(a not in READ_ACTIONS for a in actions)
        return self._scoped(user, edit=edit_only)
