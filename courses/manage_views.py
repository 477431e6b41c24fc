from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.api import people_scope_for

from .manage_forms import EnrolPeopleForm
from .models import EnrolmentSource
from .services import enrolments_create_for_people


@login_required
def enrol_people(request):
    """Institution managers (and administrators) enrol people of their subtree."""
    if people_scope_for(viewer=request.user) is None:
        raise PermissionDenied
    form = EnrolPeopleForm(request.POST or None, request.FILES or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        people = form.cleaned_data["people"]
        source = EnrolmentSource.CSV if form.cleaned_data.get("file") else EnrolmentSource.MANAGER
        try:
            created = enrolments_create_for_people(
                users=people,
                course=form.cleaned_data["course"],
                enrolled_by=request.user,
                source=source,
            )
        except ValidationError as error:  # the course's access changed meanwhile
            form.add_error(None, error)
            return render(request, "courses/manage/enrol_people.html", {"form": form})
        messages.success(
            request,
            _("%(created)d people enrolled; %(already)d were enrolled already.")
            % {"created": created, "already": len(people) - created},
        )
        return redirect("courses_manage:enrol_people")
    return render(request, "courses/manage/enrol_people.html", {"form": form})
