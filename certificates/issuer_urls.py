"""The issuer's published documents for Open Badges 3.0 credentials (certificates.openbadges):
stable addresses without a language prefix, as credentials carry them."""

from django.urls import path

from . import views

app_name = "openbadges"

urlpatterns = [
    path("", views.issuer_profile, name="issuer"),
    path("jwks.json", views.issuer_jwks, name="jwks"),
    path("keys/<str:thumbprint>.json", views.issuer_key, name="key"),
    path("achievements/<int:page_id>/", views.achievement, name="achievement"),
    path("status/revocation.jwt", views.status_list, name="status_list"),
]
