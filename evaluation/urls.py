from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("surveys/<int:survey_id>/", views.answer, name="answer"),
    path("surveys/<int:survey_id>/results/", views.results, name="results"),
    path(
        "surveys/<int:survey_id>/results.<str:extension>",
        views.results_export,
        name="results_export",
    ),
    path("knowledge/<int:test_id>/", views.knowledge_gain, name="knowledge_gain"),
]
