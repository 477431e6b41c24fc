from django.urls import path

from . import views

app_name = "caselaw"

urlpatterns = [
    path("cases/<int:case_id>.json", views.case_json, name="case_json"),
    path("cases/<int:case_id>/citation.txt", views.case_citation_text, name="case_citation"),
    path("export.csv", views.cases_csv, name="export_csv"),
]
