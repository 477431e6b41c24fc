import factory
import wagtail_factories
from wagtail.models import Page

from home.api import HomePage

from .models import CourseIndexPage, CoursePage, LessonPage, ModulePage


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Courses"
    slug = "courses"

    class Meta:
        model = CourseIndexPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("parent") is None:
            kwargs["parent"] = HomePage.objects.first() or Page.objects.get(depth=1)
        return super()._create(model_class, *args, **kwargs)


def course_index() -> CourseIndexPage:
    """The site's course catalogue, made on first use."""
    return CourseIndexPage.objects.first() or CourseIndexPageFactory()


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "What every official needs to know."
    learning_objectives = "<ul><li>Recognise the three elements.</li></ul>"
    programme_objective = "criminal_justice"
    estimated_hours = 2
    parent = factory.LazyFunction(lambda: course_index())

    class Meta:
        model = CoursePage


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")

    class Meta:
        model = ModulePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>An act, a means and a purpose of exploitation.</p>")]
    )
    estimated_minutes = 10

    class Meta:
        model = LessonPage


def course_with_lessons(*, modules: int = 2, lessons: int = 2, **course_kwargs) -> CoursePage:
    """A live course with `modules` × `lessons` required lessons."""
    course = CoursePageFactory(**course_kwargs)
    for _m in range(modules):
        module = ModulePageFactory(parent=course)
        for _l in range(lessons):
            LessonPageFactory(parent=module)
    return course
