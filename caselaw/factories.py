import datetime

import factory
import wagtail_factories
from wagtail.models import Page

from home.api import HomePage

from .models import CaseIndexPage, CasePage, Court, VictimGroup


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Case law"
    slug = "case-law"

    class Meta:
        model = CaseIndexPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("parent") is None:
            kwargs["parent"] = HomePage.objects.first() or Page.objects.get(depth=1)
        return super()._create(model_class, *args, **kwargs)


def case_index() -> CaseIndexPage:
    """The site's case-law library, made on first use."""
    return CaseIndexPage.objects.first() or CaseIndexPageFactory()


class CasePageFactory(wagtail_factories.PageFactory):
    """A published case. Vocabulary terms go in as slugs after creation:
    CasePageFactory(countries=["gr"], forms=["forced-labour"], issues=["positive-obligations"])."""

    title = factory.Sequence(lambda n: f"X.Y. v. State {n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    court = factory.LazyFunction(lambda: Court.objects.get(short_name="ECtHR"))
    decision_date = datetime.date(2010, 1, 7)
    outcome = "violation"
    holding = "The State failed to protect the applicant."
    summary = "<p>The applicant was exploited; the authorities did not act.</p>"
    parent = factory.LazyFunction(lambda: case_index())

    class Meta:
        model = CasePage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        terms = {
            "countries": kwargs.pop("countries", []),
            "exploitation_forms": kwargs.pop("forms", []),
            "acts": kwargs.pop("acts", []),
            "means": kwargs.pop("means", []),
            "sectors": kwargs.pop("sectors", []),
            "legal_issues": kwargs.pop("issues", []),
        }
        victims = kwargs.pop("victims", [])
        page = super()._create(model_class, *args, **kwargs)
        for name, slugs in terms.items():
            if slugs:
                target = CasePage._meta.get_field(name).related_model
                getattr(page, name).set(target.objects.filter(slug__in=slugs))
        for victim in victims:
            page.victim_groups.add(VictimGroup(**victim))
        if any(terms.values()) or victims:
            page.save()
        return page
