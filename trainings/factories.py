from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page

from home.api import HomePage

from .models import TrainingIndexPage, TrainingPage, TrainingSession


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Trainings"
    slug = "trainings"

    class Meta:
        model = TrainingIndexPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("parent") is None:
            kwargs["parent"] = HomePage.objects.first() or Page.objects.get(depth=1)
        return super()._create(model_class, *args, **kwargs)


def training_index() -> TrainingIndexPage:
    return TrainingIndexPage.objects.first() or TrainingIndexPageFactory()


class TrainingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Joint seminar {n}")
    slug = factory.Sequence(lambda n: f"seminar-{n}")
    kind = "seminar"
    summary = "Police, prosecutors and judges on the non-punishment principle."
    capacity = 2
    places_by = "both"
    parent = factory.LazyFunction(lambda: training_index())

    class Meta:
        model = TrainingPage


def training_with_sessions(*, sessions: int = 2, starts_in_days: int = 7, **kwargs) -> TrainingPage:
    """A live training with `sessions` sessions of a day each, from `starts_in_days` on."""
    training = TrainingPageFactory(**kwargs)
    start = timezone.now().replace(microsecond=0) + timedelta(days=starts_in_days)
    for number in range(sessions):
        TrainingSession.objects.create(
            training=training,
            title=f"Day {number + 1}",
            starts_at=start + timedelta(days=number),
            ends_at=start + timedelta(days=number, hours=6),
            venue="Palace of Justice, Niš",
            address="Vožda Karađorđa 2, Niš",
            sort_order=number,
        )
    return training
