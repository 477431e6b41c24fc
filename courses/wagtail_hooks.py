"""Courses in the Wagtail admin: the course progress reports, and links to them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from .models import CoursePage
from .permissions import user_may_see_course_report, user_may_see_course_reports
from .reports.urls import admin_urls


@hooks.register("register_admin_urls")
def register_course_report_urls():
    return admin_urls()


class CourseProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_see_course_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_course_progress_menu_item():
    return CourseProgressMenuItem(
        _("Course progress"),
        reverse("courses_reports:index"),
        name="course-progress",
        icon_name="list-ul",
        order=100,
    )


class CourseProgressPageMenuItem(PageMenuItem):
    """'Learner progress' among a course page's actions, for those who may see it."""

    label = _("Learner progress")
    icon_name = "list-ul"
    url_name = "courses_reports:course"

    def is_shown(self, user):
        return user_may_see_course_report(user=user, course=self.page)


def _course_progress_buttons(page, user, priority):
    if page.specific_class is not None and issubclass(page.specific_class, CoursePage):
        yield CourseProgressPageMenuItem(page=page, priority=priority)


@hooks.register("register_page_header_buttons")
def course_progress_header_button(page, user, view_name=None, next_url=None):
    yield from _course_progress_buttons(page, user, priority=66)


@hooks.register("register_page_listing_more_buttons")
def course_progress_listing_button(page, user, next_url=None):
    yield from _course_progress_buttons(page, user, priority=55)
