"""Courses' models: the page types (pages) and learners' progress (progress).

`progress` is the data; `pages` holds the page types and the reads they serve with, and
sits above the shells (courses.course_shell, courses.lesson_shell), which read progress.
"""

from .choices import Access, EnrolmentSource, Level, ProgrammeObjective
from .pages import CourseIndexPage, CoursePage, CoursePageForm, LessonPage, ModulePage
from .progress import Enrolment, StepCompletion

__all__ = [
    "Access",
    "CourseIndexPage",
    "CoursePage",
    "CoursePageForm",
    "Enrolment",
    "EnrolmentSource",
    "Level",
    "LessonPage",
    "ModulePage",
    "ProgrammeObjective",
    "StepCompletion",
]
