"""/api/v1/: the statistics API, its OpenAPI schema and its documentation (Swagger UI
from drf-spectacular-sidecar's static files: no CDN; its start-up script is a separate
request, so the page runs under the site's Content Security Policy without inline script)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from . import api_views
from .authentication import AddressRateThrottle

# The schema and its documentation are public and authenticate nobody: credentials sent
# to them (a password in HTTP Basic, a session) are never looked at, so they cannot be
# used to test a password. They are limited per address like the rest of the API.
PUBLIC = {
    "authentication_classes": [],
    "permission_classes": [AllowAny],
    "throttle_classes": [AddressRateThrottle],
}

app_name = "stats_api"

urlpatterns = [
    path("stats/summary/", api_views.SummaryView.as_view(), name="summary"),
    path("stats/by-institution/", api_views.ByInstitutionView.as_view(), name="by_institution"),
    path("stats/by-profession/", api_views.ByProfessionView.as_view(), name="by_profession"),
    path("stats/by-sex/", api_views.BySexView.as_view(), name="by_sex"),
    path("stats/by-region/", api_views.ByRegionView.as_view(), name="by_region"),
    path("stats/by-month/", api_views.ByMonthView.as_view(), name="by_month"),
    path("stats/trainings/", api_views.TrainingsView.as_view(), name="trainings"),
    path("stats/knowledge-gain/", api_views.KnowledgeGainView.as_view(), name="knowledge_gain"),
    path("stats/surveys/", api_views.SurveyListView.as_view(), name="surveys"),
    path("stats/surveys/<str:survey_id>/", api_views.SurveyView.as_view(), name="survey"),
    path("stats/plans/", api_views.PlanListView.as_view(), name="plans"),
    path("stats/compliance/", api_views.ComplianceView.as_view(), name="compliance"),
    path("schema/", SpectacularAPIView.as_view(**PUBLIC), name="schema"),
    path(
        "docs/",
        api_views.ApiDocsView.as_view(url_name="stats_api:schema", **PUBLIC),
        name="docs",
    ),
]
