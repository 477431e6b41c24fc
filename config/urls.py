from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import set_language
from audit.views import csp_report
from home.views import healthz, home_redirect

handler403 = "home.views.permission_denied"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Everyone signs in through allauth (rate limits, MFA), never Wagtail's own form.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("csp-report/", csp_report, name="csp_report"),
    path("api/v1/", include("stats.api_urls")),
    # Open Badges: the issuer's profile, keys and status list, at addresses that credentials
    # carry for years (no language prefix).
    path("certificates/issuer/", include("certificates.issuer_urls")),
    # The service worker of the installable app (offline learning), scoped to the whole site.
    path("", include("offline.root_urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("manage/enrolments/", include("courses.manage_urls")),
    path("manage/certificates/", include("certificates.manage_urls")),
    path("manage/plans/", include("plans.urls")),
    path("manage/", include("accounts.import_urls")),
    path("learning/quizzes/", include("quizzes.urls")),
    path("learning/offline/", include("offline.urls")),
    path("", include("offline.app_urls")),
    path("learning/", include("courses.urls")),
    path("caselaw/", include("caselaw.urls")),
    path("training/", include("trainings.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("certificates/", include("certificates.urls")),
    path("notifications/", include("notifications.urls")),
    path("welcome/", home_redirect, name="home_redirect"),
    path("search/", include("search.urls")),
    path("components/", include("gallery.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
