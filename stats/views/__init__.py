"""The statistics dashboard, API tokens and report subscriptions in the Wagtail admin.

Thin views: the figures come from `stats.selectors` (which takes the viewer's scope), the
files from `stats.exports`, the writes from `stats.services`.
- `dashboard`: the figures, the per-person list, their downloads (`downloads`);
- `tokens`: the viewer's own API tokens;
- `subscriptions`: the viewer's own report subscriptions;
- `programme`: the viewer's own programme reports (XLSX built in the background).
"""

from django.urls import path

from .dashboard import DashboardView
from .programme import ProgrammeReportsView, programme_report_download
from .subscriptions import SubscriptionsView
from .tokens import TokensView

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("tokens/", TokensView.as_view(), name="tokens"),
    path("subscriptions/", SubscriptionsView.as_view(), name="subscriptions"),
    path("programme/", ProgrammeReportsView.as_view(), name="programme_reports"),
    path(
        "programme/<int:pk>/download/",
        programme_report_download,
        name="programme_report_download",
    ),
]
