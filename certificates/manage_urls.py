"""Staff screens (under /<lang>/manage/, where staff must have passed their second factor)."""

from django.urls import path

from . import manage_views as views

app_name = "certificates_manage"

urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("<int:pk>/", views.certificate_detail, name="detail"),
    path("<int:pk>/revoke/", views.certificate_revoke_view, name="revoke"),
    path("<int:pk>/reissue/", views.certificate_reissue_view, name="reissue"),
    path("downloads/", views.export_list, name="exports"),
    path("downloads/<int:pk>/", views.export_detail, name="export"),
    path("downloads/<int:pk>/zip/", views.export_download, name="export_download"),
]
