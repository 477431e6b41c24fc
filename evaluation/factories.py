import factory

from .models import ItemKind, Survey, SurveyItem


class SurveyFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"How did the training serve you? {n}")
    anonymous = True

    class Meta:
        model = Survey


def survey_with_items(**kwargs) -> Survey:
    """A survey with one item of each kind."""
    survey = SurveyFactory(**kwargs)
    SurveyItem.objects.create(
        survey=survey, kind=ItemKind.LIKERT, text="It was useful.", sort_order=0
    )
    SurveyItem.objects.create(
        survey=survey,
        kind=ItemKind.SINGLE,
        text="The length was",
        choices="Too short\nRight\nToo long",
        sort_order=1,
    )
    SurveyItem.objects.create(
        survey=survey,
        kind=ItemKind.MULTIPLE,
        text="What will you use?",
        choices="Indicators\nReferral\nNon-punishment",
        required=False,
        sort_order=2,
    )
    SurveyItem.objects.create(
        survey=survey, kind=ItemKind.TEXT, text="Anything else?", required=False, sort_order=3
    )
    return survey
