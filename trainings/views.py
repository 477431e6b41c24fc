"""The training pages' actions: ask for a place, give it up, nominate someone, and the
organiser's list of registrations with their decisions. Thin: the services decide."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.api import people_scope_for, people_visible_to

from .attendance import attendance_mark, check_in, check_in_path
from .models import (
    AttendanceMark,
    Registration,
    RegistrationState,
    TrainingPage,
    TrainingSession,
)
from .selectors import (
    attendance_sheet,
    check_in_qr,
    registrations_for_organiser,
    training_context_for,
)
from .services import (
    RegistrationRefused,
    nomination_create,
    registration_cancel,
    registration_decide,
    registration_request,
    session_cancel,
    user_may_organise,
)
from .sheets import sign_in_sheet_pdf


def _training(training_id: int) -> TrainingPage:
    return get_object_or_404(TrainingPage.objects.live().public(), pk=training_id)


def _back(request, training: TrainingPage):
    return redirect(training.get_url(request) or "/")


@require_POST
@login_required
def register(request, training_id: int):
    training = _training(training_id)
    try:
        registration_request(training=training, user=request.user)
    except RegistrationRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your request is sent. The organiser will answer by email."))
    return _back(request, training)


@require_POST
@login_required
def cancel(request, registration_id: int):
    registration = get_object_or_404(Registration, pk=registration_id)
    try:
        registration_cancel(registration=registration, by=request.user)
    except RegistrationRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The registration is cancelled."))
    if registration.user_id != request.user.pk:
        return redirect("trainings:organise", training_id=registration.training_id)
    return _back(request, registration.training)


class NominationForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Person"))

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_visible_to(viewer=viewer).order_by(
            "last_name", "first_name"
        )


@login_required
def nominate(request, training_id: int):
    """An institution manager nominates people of their subtree."""
    training = _training(training_id)
    if people_scope_for(viewer=request.user) is None:
        raise PermissionDenied
    form = NominationForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            nomination_create(
                training=training, nominee=form.cleaned_data["person"], by=request.user
            )
        except RegistrationRefused as refused:
            form.add_error("person", refused.message)
        else:
            messages.success(
                request,
                _("%(name)s is nominated. The organiser decides on the place.")
                % {"name": form.cleaned_data["person"]},
            )
            return redirect("trainings:nominate", training_id=training.pk)
    return render(
        request,
        "trainings/nominate.html",
        {
            "training": training,
            "form": form,
            **training_context_for(training=training, user=request.user),
        },
    )


DECISIONS = {
    "confirm": RegistrationState.CONFIRMED,
    "waitlist": RegistrationState.WAITLISTED,
    "decline": RegistrationState.DECLINED,
}


@login_required
def organise(request, training_id: int):
    """The organiser's list of registrations, with a decision for each."""
    training = get_object_or_404(TrainingPage, pk=training_id).canonical()
    if not user_may_organise(user=request.user, training=training):
        raise PermissionDenied
    if request.method == "POST":
        decision = DECISIONS.get(request.POST.get("decision", ""))
        registration = get_object_or_404(
            Registration, pk=request.POST.get("registration") or 0, training=training
        )
        if decision is None:
            messages.error(request, _("Unknown decision."))
        else:
            try:
                registration_decide(registration=registration, decision=decision, by=request.user)
            except RegistrationRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(
                    request, _("Saved; %(name)s is told by email.") % {"name": registration.user}
                )
        return redirect("trainings:organise", training_id=training.pk)
    registrations = list(registrations_for_organiser(training))
    return render(
        request,
        "trainings/organise.html",
        {
            "training": training,
            "registrations": registrations,
            "states": RegistrationState,
            **training_context_for(training=training, user=request.user),
        },
    )


@require_POST
@login_required
def cancel_session(request, session_id: int):
    session = get_object_or_404(TrainingSession, pk=session_id)
    try:
        session_cancel(session=session, by=request.user)
    except RegistrationRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The session is cancelled; everyone registered is told."))
    return redirect("trainings:organise", training_id=session.training_id)


def _organised_session(request, session_id: int) -> TrainingSession:
    """The session, for an organiser of its training; anyone else is refused."""
    session = get_object_or_404(TrainingSession.objects.select_related("training"), pk=session_id)
    if not user_may_organise(user=request.user, training=session.training):
        raise PermissionDenied
    return session


@login_required
def attendance(request, session_id: int):
    """The organiser's attendance sheet for one session, usable on a tablet: a row per
    confirmed participant with present / partly / absent, saved at once."""
    session = _organised_session(request, session_id)
    if request.method == "POST":
        marks = {}
        for key, value in request.POST.items():
            if key.startswith("mark-") and value:
                try:
                    marks[int(key.removeprefix("mark-"))] = value
                except ValueError:
                    continue
        try:
            saved = attendance_mark(session=session, marks=marks, by=request.user)
        except RegistrationRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request, _("Attendance saved for %(count)s people.") % {"count": saved}
            )
            return redirect("trainings:attendance", session_id=session.pk)
    check_in_url = request.build_absolute_uri(check_in_path(session))
    return render(
        request,
        "trainings/attendance.html",
        {
            "session": session,
            "training": session.training,
            "rows": attendance_sheet(session),
            "marks": AttendanceMark.choices,
            "check_in_url": check_in_url,
            "check_in_qr": check_in_qr(check_in_url),
        },
    )


@login_required
def check_in_view(request, session_id: int, key: str):
    """A participant's check-in by the code shown in the room: a page with one button (a
    link alone never checks anyone in)."""
    if request.method == "POST":
        try:
            check_in(session_id=session_id, key=key, user=request.user)
        except RegistrationRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("You are checked in. Welcome!"))
    session = TrainingSession.objects.filter(pk=session_id).select_related("training").first()
    return render(request, "trainings/check_in.html", {"session": session})


@login_required
def sign_in_sheet(request, session_id: int):
    session = _organised_session(request, session_id)
    response = HttpResponse(sign_in_sheet_pdf(session=session), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sign-in-sheet-{session.pk}.pdf"'
    return response
