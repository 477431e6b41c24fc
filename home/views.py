from django.http import HttpResponse
from django.shortcuts import redirect


def healthz(request):
    """Liveness: answers without touching the database (the benchmarks' ceiling)."""
    return HttpResponse("ok", content_type="text/plain")


def home_redirect(request):
    """Where sign-in lands: the front page in the active language."""
    return redirect("/")
