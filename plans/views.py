"""Training plans for administrators and institution managers: list, write with a preview
of whom the plan reaches, follow who stands where, end."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.api import AuditAction, audit_record

from .forms import PlanForm
from .selectors import (
    assignments_seen_by,
    plan_summary,
    plans_visible_to,
    runs_of,
    status_counts,
    viewer_may_change,
    viewer_may_plan,
)
from .services import INLINE_PEOPLE, plan_apply, plan_end, run_start
from .status import STATUS_LABELS, STATUSES

PREVIEW_NAMES = 20


def _require_planner(request) -> None:
    if not viewer_may_plan(viewer=request.user):
        raise PermissionDenied


def _visible(request, plan_id: int):
    _require_planner(request)
    return get_object_or_404(plans_visible_to(viewer=request.user), pk=plan_id)


@login_required
def plan_list(request):
    _require_planner(request)
    plans = plans_visible_to(viewer=request.user).order_by("-is_active", "name")
    return render(request, "plans/list.html", {"plans": plans})


def _apply(request, plan) -> None:
    """The rule runs now for a few hundred people, in the background for more."""
    people = PlanForm.target_count(plan)
    if people > INLINE_PEOPLE:
        run_start(plan=plan, by=request.user)
        messages.success(
            request,
            _("The plan is saved. Its %(count)d people are being assigned in the background.")
            % {"count": people},
        )
        return
    change = plan_apply(plan=plan, by=request.user)
    messages.success(
        request,
        _("The plan is saved: %(assigned)d people assigned, %(closed)d assignments closed.")
        % {"assigned": change.assigned, "closed": change.closed},
    )


def _write(request, plan=None):
    initial = PlanForm.initial_for(plan) if plan else None
    form = PlanForm(request.POST or None, initial=initial, viewer=request.user)
    preview = None
    if request.method == "POST" and form.is_valid():
        people = form.target().people()
        if "save" in request.POST:
            with transaction.atomic():
                plan = form.save(plan=plan)
                audit_record(
                    action=AuditAction.PLAN_SAVED,
                    actor=request.user,
                    target=plan,
                    request=request,
                    details=plan_summary(plan),
                )
                _apply(request, plan)
            return redirect("plans:detail", plan_id=plan.pk)
        preview = {
            "count": people.count(),
            "names": list(
                people.select_related("institution").order_by("last_name", "first_name")[
                    :PREVIEW_NAMES
                ]
            ),
        }
    return render(request, "plans/form.html", {"form": form, "plan": plan, "preview": preview})


@login_required
def plan_create(request):
    _require_planner(request)
    return _write(request)


@login_required
def plan_edit(request, plan_id: int):
    plan = _visible(request, plan_id)
    if not viewer_may_change(viewer=request.user, plan=plan) or not plan.is_active:
        raise PermissionDenied
    return _write(request, plan)


@login_required
def plan_detail(request, plan_id: int):
    plan = _visible(request, plan_id)
    assignments = assignments_seen_by(viewer=request.user, plan=plan)
    counts = status_counts(assignments)
    status = request.GET.get("status", "")
    if status in STATUSES:
        assignments = assignments.filter(status=status)
    page = Paginator(assignments.order_by("due_at", "user__last_name", "pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "items": plan.items.select_related("course", "training"),
            "counts": [(s, STATUS_LABELS[s], counts[s]) for s in STATUSES],
            "labels": STATUS_LABELS,
            "status": status,
            "page": page,
            "runs": runs_of(plan),
            "may_change": viewer_may_change(viewer=request.user, plan=plan),
        },
    )


@require_POST
@login_required
def plan_end_view(request, plan_id: int):
    plan = _visible(request, plan_id)
    if not viewer_may_change(viewer=request.user, plan=plan):
        raise PermissionDenied
    if plan.is_active:
        with transaction.atomic():
            change = plan_end(plan=plan, by=request.user)
            audit_record(
                action=AuditAction.PLAN_ENDED,
                actor=request.user,
                target=plan,
                request=request,
                details={"closed": change.closed},
            )
        messages.success(
            request,
            _("The plan is ended: %(closed)d assignments closed. What people completed stays.")
            % {"closed": change.closed},
        )
    return redirect("plans:detail", plan_id=plan.pk)
