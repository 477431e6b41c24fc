from django.http import HttpResponse
from django.shortcuts import redirect, render


def healthz(request):
    """Liveness: answers without touching the database (the benchmarks' ceiling)."""
    return HttpResponse("ok", content_type="text/plain")


def home_redirect(request):
    """Where sign-in lands: the front page in the active language."""
    return redirect("/")


def forbidden(request, *, reason: str = "", back_url: str = "", admin_area: bool = False):
    """The site's 403 page: what was refused, in the reader's language, with a way home."""
    return render(
        request,
        "403.html",
        {"reason": reason, "back_url": back_url, "admin_area": admin_area},
        status=403,
    )


def permission_denied(request, exception=None):
    """handler403: the site's page for every refusal (the exception's text is not shown: it
    is written for developers, not readers)."""
    return forbidden(request)
