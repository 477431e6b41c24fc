from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("<int:survey_id>/", views.answer, name="answer"),
    path("<int:survey_id>/results/", views.results, name="results"),
    path(
        "<int:survey_id>/results.<str:extension>",
        views.results_export,
        name="results_export",
    ),
]
