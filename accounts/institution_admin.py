"""The institution tree in the Wagtail admin: administrators list, add and edit institutions.

Here in accounts, not in institutions, because who may do so is a question of roles (accounts
sits above institutions: a person belongs to an institution). Registered by wagtail_hooks.

- The listing follows the tree (materialised `path` order), each name indented by its depth;
  searching, filtering or sorting by another column shows a flat list, where the "Part of"
  column gives each row its place.
- New institutions are added through `institution_create` (treebeard `add_child` /
  `add_root`), under a parent chosen on the form.
- The code is stable: set on creation, read-only afterwards. The place in the tree is fixed
  too (moving a node is not offered here).
- Nobody deletes an institution from the admin: people, their history and statistics refer to
  it. Mark it inactive instead.
"""

from django.contrib.auth.models import Permission
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from institutions.api import (
    INSTITUTION_FIELDS,
    Institution,
    InstitutionCreateForm,
    InstitutionEditForm,
    institution_create,
)

from .models import User
from .selectors import user_is_administrator

# --- Who may do what --------------------------------------------------------------------------


class InstitutionPermissionPolicy(BasePermissionPolicy):
    """Administrators add, edit and see institutions; nobody deletes one from the admin."""

    def user_has_permission(self, user, action):
        return action != "delete" and user_is_administrator(user)

    def users_with_any_permission(self, actions):
        if set(actions) - {"delete"}:
            return User.objects.filter(is_active=True, is_superuser=True)
        return User.objects.none()


# Registered before anything asks Wagtail for the model's policy.
register_permission_policy(Institution, InstitutionPermissionPolicy(Institution))


# --- Listing ----------------------------------------------------------------------------------


class InstitutionTitleColumn(TitleColumn):
    """The name, indented by depth when the listing is in tree order."""

    cell_template_name = "institutions/admin/title_cell.html"

    def __init__(self, *args, in_tree_order=lambda: False, **kwargs):
        super().__init__(*args, **kwargs)
        # A callable: the view knows its ordering only once its columns exist.
        self.in_tree_order = in_tree_order

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["indent"] = 1.5 * (instance.depth - 1) if self.in_tree_order() else 0
        return context


class InstitutionIndexView(generic.IndexView):
    default_ordering = "path"

    def get_base_queryset(self):
        return super().get_base_queryset().annotate(member_count=Count("members"))

    @cached_property
    def in_tree_order(self) -> bool:
        return self.ordering == "path" and not (self.is_searching or self.is_filtering)

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(InstitutionTitleColumn)
        return [
            title_column_class(
                "name",
                label=_("Name"),
                sort_key="name_sr",
                get_url=self.get_edit_url,
                in_tree_order=lambda: self.in_tree_order,
            ),
            Column("code", label=_("Code"), sort_key="code"),
            Column("parent_name", label=_("Part of")),
            Column("get_kind_display", label=_("Kind"), sort_key="kind"),
            Column("get_region_display", label=_("Region"), sort_key="region"),
            Column("member_count", label=_("People"), sort_key="member_count"),
            BooleanColumn("is_active", label=_("Active"), sort_key="is_active"),
        ]

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # A stable order across pages whatever the column.
        return queryset.order_by(*queryset.query.order_by, "path")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        object_list = list(object_list)
        # Each row's parent, for the "Part of" column: one query for the whole page.
        steplen = Institution.steplen
        parent_paths = {node.path[:-steplen] for node in object_list if node.depth > 1}
        parents = {p.path: p for p in Institution.objects.filter(path__in=parent_paths)}
        for node in object_list:
            parent = parents.get(node.path[:-steplen])
            node.parent_name = parent.name if parent else ""
        return paginator, page, object_list, is_paginated

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.add_url:
            buttons.append(
                MenuItem(
                    _("Add an institution within"),
                    url=self.add_url + "?" + urlencode({"parent": instance.pk}),
                    icon_name="plus",
                    priority=15,
                )
            )
        return buttons


# --- Create -----------------------------------------------------------------------------------


class InstitutionCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if parent := self.request.GET.get("parent"):
            initial["parent"] = parent
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        institution = institution_create(
            parent=data["parent"], **{name: data[name] for name in INSTITUTION_FIELDS}
        )
        log(instance=institution, action="wagtail.create", user=self.request.user)
        return institution


# --- Viewset ----------------------------------------------------------------------------------


class InstitutionViewSet(ModelViewSet):
    model = Institution
    icon = "site"
    menu_label = _("Institutions")
    menu_order = 560
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False

    index_view_class = InstitutionIndexView
    add_view_class = InstitutionCreateView
    ordering = "path"
    list_per_page = 100
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["code", "name_sr", "name_en"]
    search_backend_name = None  # plain `icontains` on the fields above

    def get_form_class(self, for_update=False):
        return InstitutionEditForm if for_update else InstitutionCreateForm

    def get_permissions_to_register(self):
        # Nothing to hand out in group settings: the policy above is about roles.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_institution_viewset():
    # Its URL names are "institution_tree:…" (kept since the import pages had "institutions").
    return InstitutionViewSet("institution_tree", url_prefix="institutions")
