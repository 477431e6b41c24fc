"""The reports' URLs, registered under /admin/ by courses.wagtail_hooks."""

from django.urls import include, path

from .views import CourseLearnersView, CourseProgressIndexView, CourseTrainersView

urlpatterns = [
    path("", CourseProgressIndexView.as_view(), name="index"),
    path("results/", CourseProgressIndexView.as_view(results_only=True), name="index_results"),
    path("<int:course_id>/", CourseLearnersView.as_view(), name="course"),
    path(
        "<int:course_id>/results/",
        CourseLearnersView.as_view(results_only=True),
        name="course_results",
    ),
    path("<int:course_id>/trainers/", CourseTrainersView.as_view(), name="trainers"),
]


def admin_urls():
    return [path("reports/course-progress/", include((urlpatterns, "courses_reports")))]
