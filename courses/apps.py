from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from accounts.personal_data import register_exporter

        from . import api, authoring
        from .models import CourseIndexPage, CoursePage, LessonPage
        from .selectors import personal_data_learning

        api.register_step_model(LessonPage)
        register_exporter("learning", personal_data_learning)

        # The "Course review" workflow and the senior trainers' publishing right: after
        # every migrate, and whenever a course catalogue page is created (demo, admin, tests).
        post_migrate.connect(
            authoring.ensure_course_workflow_after_migrate,
            dispatch_uid="courses.ensure_course_workflow",
        )
        post_save.connect(
            authoring.course_index_saved,
            sender=CourseIndexPage,
            dispatch_uid="courses.course_index_saved",
        )
        # Someone who is no longer a trainer loses the courses they were given.
        from accounts.signals import roles_changed

        roles_changed.connect(
            authoring.course_assignments_revoke_if_not_trainer,
            dispatch_uid="courses.revoke_if_not_trainer",
        )
        # Cached lesson shells (courses.lesson_shell) go out of date with any change to
        # pages, view restrictions or site settings; staff flags with role changes.
        self._connect_lesson_shell_invalidation()
        # A new translation of a course is editable by the course's authors.
        post_save.connect(
            authoring.course_page_saved, sender=CoursePage, dispatch_uid="courses.course_page_saved"
        )

    def _connect_lesson_shell_invalidation(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale, Page, PageViewRestriction, Site
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from accounts.signals import roles_changed
        from home.models import PartnerLogo, ProgrammeSettings

        from .lesson_shell import generation_bump, page_saved, settings_saved, staff_flag_forget

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(generation_bump, dispatch_uid=f"lesson_shell.{id(signal)}")
        post_delete.connect(generation_bump, sender=Page, dispatch_uid="lesson_shell.page_del")
        # Pages made live by code (imports, the demo) are saved, not published.
        post_save.connect(page_saved, dispatch_uid="lesson_shell.page_saved")
        # The programme's settings row is created with its defaults on first use: that
        # changes nothing already rendered; later saves do.
        post_save.connect(
            settings_saved, sender=ProgrammeSettings, dispatch_uid="lesson_shell.settings"
        )
        post_delete.connect(
            generation_bump, sender=ProgrammeSettings, dispatch_uid="lesson_shell.settings_del"
        )
        for model in (PageViewRestriction, Site, Locale, PartnerLogo):
            for signal in (post_save, post_delete):
                signal.connect(
                    generation_bump,
                    sender=model,
                    dispatch_uid=f"lesson_shell.{model.__name__}.{id(signal)}",
                )
        roles_changed.connect(staff_flag_forget, dispatch_uid="lesson_shell.staff_flag")
