"""The People area of the Wagtail admin, and our version of Wagtail's own Users admin.

People (administrators and institution managers):
- a listing of the people the viewer may see (`people_visible_to`, the one place that decides);
- a person's page: their details, roles and institution history;
- moving a person to another institution (managers only within their subtrees);
- granting and revoking roles (administrators only).

Reading pages refuse the way the rest of Wagtail does (a redirect to the dashboard with a
message); a person outside the viewer's scope is "not found". Writes a viewer may never make
answer 403.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.users.views.users import CreateView as WagtailUserCreateView
from wagtail.users.views.users import DeleteView as UserDeleteView
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserViewSet

from institutions.api import InstitutionTreeChoiceField

from .admin_forms import PersonMoveForm, RoleGrantForm, UserAccountEditForm, UserInviteForm
from .models import Profession, Role, RoleAssignment, User
from .selectors import (
    institutions_open_to_moves_by,
    institutions_visible_to,
    membership_history,
    people_matching,
    people_scope_for,
    people_visible_to,
    user_is_administrator,
)
from .services import (
    invitation_send,
    person_move,
    person_role_grant,
    person_role_revoke,
    user_create,
)


def roles_display(user: User) -> str:
    """'Trainer, Institution manager (PU-BG)' from the prefetched role assignments."""
    return ", ".join(
        f"{a.get_role_display()} ({a.institution.code})"
        if a.institution_id
        else a.get_role_display()
        for a in user.role_assignments.all()
    )


class PeopleAccessMixin:
    """Administrators and institution managers only; `self.scope` says whom they reach."""

    def dispatch(self, request, *args, **kwargs):
        self.scope = people_scope_for(viewer=request.user)
        if self.scope is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- Listing ----------------------------------------------------------------------------------


class SubtreeChoiceFilter(django_filters.ModelChoiceFilter):
    """The chosen institution and everything below it."""

    field_class = InstitutionTreeChoiceField

    def filter(self, qs, value):
        if value:
            return qs.filter(institution__path__startswith=value.path)
        return qs


class PeopleFilterSet(WagtailFilterSet):
    institution = SubtreeChoiceFilter(
        label=_("Institution"),
        queryset=lambda request: institutions_visible_to(viewer=request.user),
        help_text=_("Includes every institution below the one chosen."),
    )
    profession = django_filters.ChoiceFilter(label=_("Profession"), choices=Profession.choices)
    role = django_filters.ChoiceFilter(
        label=_("Role"),
        choices=Role.choices,
        field_name="role_assignments__role",
        distinct=True,
    )

    class Meta:
        model = User
        fields = []


class PeoplePaginator(WagtailPaginator):
    verbose_name = _("person")
    verbose_name_plural = _("people")


class PeopleIndexView(PeopleAccessMixin, generic.IndexView):
    model = User
    # Who sees whom is decided by the selector, not by model permissions.
    permission_policy = None
    any_permission_required = None
    page_title = _("People")
    header_icon = "group"
    index_url_name = "people:index"
    index_results_url_name = "people:index_results"
    filterset_class = PeopleFilterSet
    search_fields = ["name_folded", "email"]  # searched by search_queryset, below
    search_backend_name = None
    default_ordering = "name"
    paginate_by = 50
    paginator_class = PeoplePaginator
    verbose_name = _("person")
    verbose_name_plural = _("people")

    def get_base_queryset(self) -> QuerySet[User]:
        return people_visible_to(viewer=self.request.user)

    def search_queryset(self, queryset):
        """Every word of the query in the name (either script, diacritics aside) or email."""
        if not self.is_searching:
            return queryset
        return people_matching(queryset, query=self.search_query)

    def get_add_url(self):
        return None

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                accessor=lambda u: u.get_full_name() or u.email,
                sort_key="name",
                get_url=lambda u: reverse("people:detail", args=[u.pk]),
            ),
            Column("email", label=_("Email"), sort_key="email"),
            Column("institution", label=_("Institution"), accessor="institution.name"),
            Column("profession", label=_("Profession"), accessor="get_profession_display"),
            Column("roles", label=_("Roles"), accessor=roles_display),
            BooleanColumn("is_active", label=_("Active")),
        ]

    def get_valid_orderings(self):
        return ["name", "-name", "email", "-email"]

    def order_queryset(self, queryset):
        if self.ordering == "-name":
            return queryset.order_by("-last_name", "-first_name", "-pk")
        if self.ordering in ("email", "-email"):
            return queryset.order_by(self.ordering, "pk")
        return queryset.order_by("last_name", "first_name", "pk")


# --- A person ---------------------------------------------------------------------------------


class PersonView(PeopleAccessMixin, WagtailAdminTemplateMixin, View):
    """A person's details, roles and institution history, with the forms the viewer may use."""

    template_name = "accounts/admin/person_detail.html"
    page_title = _("People")
    header_icon = "user"

    @cached_property
    def person(self) -> User:
        return get_object_or_404(people_visible_to(viewer=self.request.user), pk=self.kwargs["pk"])

    @cached_property
    def is_administrator(self) -> bool:
        return user_is_administrator(self.request.user)

    def get_page_subtitle(self):
        return self.person.get_full_name() or self.person.email

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("people:index"), "label": _("People")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    @cached_property
    def header_buttons(self):
        if not self.is_administrator:
            return []
        return [
            HeaderButton(
                _("Edit account"),
                url=reverse("wagtailusers_users:edit", args=[self.person.pk]),
                icon_name="edit",
            )
        ]

    def move_form(self, data=None) -> PersonMoveForm:
        return PersonMoveForm(
            data,
            institutions=institutions_open_to_moves_by(viewer=self.request.user),
            current=self.person.institution,
        )

    def get(self, request, *args, **kwargs):
        self.person  # noqa: B018 - a 404 before anything else
        return self.render_page()

    def render_page(self, *, move_form=None, grant_form=None):
        context = {
            "person": self.person,
            "memberships": membership_history(user=self.person),
            "assignments": self.person.role_assignments.all(),
            "move_form": move_form or self.move_form(),
            "may_manage_roles": self.is_administrator,
        }
        if self.is_administrator:
            context["grant_form"] = grant_form or RoleGrantForm()
        return self.render_to_response(self.get_context_data(**context))


class PersonMoveView(PersonView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = self.move_form(request.POST)
        if not form.is_valid():
            messages.validation_error(
                request, gettext("The person could not be moved due to errors."), form
            )
            return self.render_page(move_form=form)
        institution = form.cleaned_data["institution"]
        # The service checks the scope again, whatever the form allowed.
        person_move(actor=request.user, user=self.person, institution=institution)
        messages.success(
            request,
            gettext("%(name)s now belongs to %(institution)s.")
            % {"name": self.get_page_subtitle(), "institution": institution.name},
        )
        return redirect("people:detail", pk=self.person.pk)


class AdministratorsOnlyMixin:
    """Writes only administrators make: anyone else gets a plain 403, before any lookup."""

    def dispatch(self, request, *args, **kwargs):
        if not user_is_administrator(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)


class PersonRoleGrantView(AdministratorsOnlyMixin, PersonView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RoleGrantForm(request.POST)
        if form.is_valid():
            try:
                assignment = person_role_grant(
                    actor=request.user,
                    user=self.person,
                    role=form.cleaned_data["role"],
                    institution=form.cleaned_data["institution"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    gettext("%(name)s is now: %(role)s.")
                    % {"name": self.get_page_subtitle(), "role": assignment_label(assignment)},
                )
                return redirect("people:detail", pk=self.person.pk)
        messages.validation_error(
            request, gettext("The role could not be given due to errors."), form
        )
        return self.render_page(grant_form=form)


class PersonRoleRevokeView(AdministratorsOnlyMixin, PersonView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        assignment = get_object_or_404(
            RoleAssignment.objects.select_related("user", "institution"),
            pk=self.kwargs["assignment_pk"],
            user=self.person,
        )
        try:
            person_role_revoke(actor=request.user, assignment=assignment)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                gettext("%(name)s is no longer: %(role)s.")
                % {"name": self.get_page_subtitle(), "role": assignment_label(assignment)},
            )
        return redirect("people:detail", pk=self.person.pk)


def assignment_label(assignment: RoleAssignment) -> str:
    if assignment.institution_id:
        return f"{assignment.get_role_display()} ({assignment.institution.name})"
    return assignment.get_role_display()


# --- Viewset ----------------------------------------------------------------------------------


class PeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return people_scope_for(viewer=request.user) is not None


class PeopleViewSet(ViewSet):
    icon = "group"
    menu_label = _("People")
    menu_name = "people"
    menu_order = 550
    add_to_admin_menu = True
    menu_item_class = PeopleMenuItem

    def get_urlpatterns(self):
        return [
            path("", PeopleIndexView.as_view(), name="index"),
            path("results/", PeopleIndexView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", PersonView.as_view(), name="detail"),
            path("<int:pk>/move/", PersonMoveView.as_view(), name="move"),
            path("<int:pk>/roles/grant/", PersonRoleGrantView.as_view(), name="role_grant"),
            path(
                "<int:pk>/roles/<int:assignment_pk>/revoke/",
                PersonRoleRevokeView.as_view(),
                name="role_revoke",
            ),
        ]


# --- Wagtail's Users admin, fitted to our user model ------------------------------------------


class PlatformUserIndexView(WagtailUserIndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            # The login is the email address; Wagtail calls the column "Username".
            if column.name == User.USERNAME_FIELD:
                column.label = _("Email")
        return columns


class UserInviteView(WagtailUserCreateView):
    """Accounts are made by `user_create` (email address, first membership) and invited."""

    page_title = _("Invite a person")
    success_message = _("Account '%(object)s' created and invited to set a password.")

    def save_instance(self):
        data = self.form.cleaned_data
        user = user_create(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            institution=data["institution"],
            profession=data["profession"],
            preferred_language=data["preferred_language"],
        )
        invitation_send(user=user, base_url=self.request.build_absolute_uri("/"))
        log(instance=user, action="wagtail.create", user=self.request.user)
        return user


class RefusedUserDeleteView(UserDeleteView):
    """People are erased (accounts.services.personal_data_erase), never deleted: deleting
    would take their anonymous learning records out of the statistics."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class PlatformUserViewSet(UserViewSet):
    """Set as `user_viewset` of `accounts.apps.WagtailUsersConfig`."""

    delete_view_class = RefusedUserDeleteView

    index_view_class = PlatformUserIndexView
    add_view_class = UserInviteView
    create_template_name = "accounts/admin/users/create.html"
    edit_template_name = "accounts/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return UserAccountEditForm if for_update else UserInviteForm
