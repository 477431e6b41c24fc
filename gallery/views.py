from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .examples import component_examples


@login_required
def component_gallery(request):
    """The site's components with example content, for trainers and developers (staff only)."""
    if not request.user.is_staff_role:
        raise PermissionDenied
    return render(request, "gallery/components.html", component_examples())
