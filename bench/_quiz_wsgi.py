"""gunicorn app for bench/quiz.py: the project's WSGI application plus one trivial POST
endpoint (`/bench/post/`: session, authentication and CSRF checked, nothing written) that
the quiz submits are compared with. Used only by the benchmark; production never loads it."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

import config.urls  # noqa: E402


@require_POST
@login_required
def trivial_post(request):
    return HttpResponse(b"ok", content_type="text/plain")


config.urls.urlpatterns.insert(0, path("bench/post/", trivial_post))
clear_url_caches()
