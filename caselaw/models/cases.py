"""Cases: judgments as Wagtail pages, and the reads the page of a case is served with
(its citation, who cites it, related cases), which caselaw.selectors re-exports."""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, ReferenceIndex
from wagtail.search import index

from accounts.api import Profession
from courses.api import course_is_visible_to, course_of
from serbian.api import SerbianScriptsPageMixin

from ..panels import AnonymityNoticePanel
from .terms import (
    Act,
    AgeGroup,
    Country,
    Court,
    DefendantRole,
    ExploitationForm,
    LegalIssue,
    Means,
    Outcome,
    Scope,
    Sector,
    Sex,
    VictimStatus,
    ecli_validator,
)

RELATED_LIMIT = 5


class CasePageForm(WagtailAdminPageForm):
    audience_professions = forms.MultipleChoiceField(
        label=_("Audience professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CasePage(SerbianScriptsPageMixin, Page):
    """A judgment. People appear only as groups; names are initials or the court's own
    pseudonyms (the editor warns when a field looks like a full name)."""

    # Identity
    countries = ParentalManyToManyField(
        Country,
        verbose_name=_("country / jurisdiction"),
        related_name="cases",
        help_text=_("The State whose authorities acted (for ECtHR judgments: the respondent)."),
    )
    court = models.ForeignKey(
        Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="cases"
    )
    case_number = models.CharField(_("national case number"), max_length=120, blank=True)
    application_numbers = models.CharField(
        _("application number(s)"),
        max_length=200,
        blank=True,
        help_text=_("ECtHR application numbers, separated by commas: 77587/12, 74603/12."),
    )
    ecli = models.CharField(
        "ECLI", max_length=80, blank=True, validators=[ecli_validator], db_index=True
    )
    decision_date = models.DateField(_("decision date"))
    date_final = models.DateField(_("date final"), null=True, blank=True)
    language = models.CharField(
        _("language of the judgment"), max_length=40, blank=True, default="English"
    )
    official_url = models.URLField(_("official source"), blank=True, max_length=500)
    other_url = models.URLField(_("other source"), blank=True, max_length=500)

    # Substance
    acts = ParentalManyToManyField(Act, verbose_name=_("acts"), blank=True, related_name="cases")
    means = ParentalManyToManyField(
        Means, verbose_name=_("means"), blank=True, related_name="cases"
    )
    exploitation_forms = ParentalManyToManyField(
        ExploitationForm,
        verbose_name=_("forms of exploitation"),
        blank=True,
        related_name="cases",
    )
    sectors = ParentalManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="cases"
    )
    legal_issues = ParentalManyToManyField(
        LegalIssue, verbose_name=_("legal issues"), blank=True, related_name="cases"
    )
    scope = models.CharField(
        _("internal or transnational"), max_length=20, choices=Scope.choices, default="unknown"
    )
    organised_group = models.BooleanField(_("organised criminal group"), null=True, blank=True)

    # Outcome
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    verdict = models.TextField(_("verdict"), blank=True)
    sentences = models.TextField(_("sentences"), blank=True)
    confiscation = models.TextField(_("confiscation"), blank=True)
    compensation = models.TextField(_("compensation"), blank=True)

    # Editorial
    holding = models.CharField(
        _("one-line holding"), max_length=300, help_text=_("Shown on the card in lessons.")
    )
    summary = RichTextField(_("summary"), features=["bold", "italic", "ol", "ul", "link"])
    significance = RichTextField(
        _("significance"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    key_case = models.BooleanField(_("key case"), default=False)
    audience_professions = models.JSONField(_("audience professions"), default=list, blank=True)
    related_courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("related courses"),
        blank=True,
        related_name="cited_cases",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("holding"),
        index.SearchField("summary"),
        index.SearchField("significance"),
        index.SearchField("application_numbers"),
        index.SearchField("case_number"),
        index.SearchField("ecli"),
        index.FilterField("decision_date"),
        *SerbianScriptsPageMixin.search_fields_scripts,
    ]
    script_search_fields = ("holding", "summary", "significance", "verdict")

    content_panels = [
        AnonymityNoticePanel(),
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("court"),
                FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("case_number"), FieldPanel("application_numbers")]),
                FieldPanel("ecli"),
                FieldRowPanel([FieldPanel("decision_date"), FieldPanel("date_final")]),
                FieldPanel("language"),
                FieldRowPanel([FieldPanel("official_url"), FieldPanel("other_url")]),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("acts", widget=forms.CheckboxSelectMultiple),
                FieldPanel("means", widget=forms.CheckboxSelectMultiple),
                FieldPanel("exploitation_forms", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("legal_issues", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("scope"), FieldPanel("organised_group")]),
            ],
            heading=_("Substance"),
        ),
        InlinePanel("provisions", label=_("Provisions applied")),
        InlinePanel("victim_groups", label=_("Victims (as groups, never by name)")),
        InlinePanel("defendant_groups", label=_("Defendants (as groups, never by name)")),
        MultiFieldPanel(
            [
                FieldPanel("outcome"),
                FieldPanel("verdict"),
                FieldPanel("sentences"),
                FieldPanel("confiscation"),
                FieldPanel("compensation"),
            ],
            heading=_("Outcome"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("holding"),
                FieldPanel("summary"),
                FieldPanel("significance"),
                FieldPanel("key_case"),
                FieldPanel("audience_professions"),
                FieldPanel("related_courses", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Editorial"),
        ),
    ]
    base_form_class = CasePageForm
    parent_page_types = ["caselaw.CaseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    @property
    def year(self) -> int:
        return self.decision_date.year

    def citation(self) -> str:
        return case_citation(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(case_detail_context(case=self, user=request.user))
        return context


class ProvisionApplied(Orderable):
    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="provisions")
    instrument = models.CharField(_("instrument"), max_length=200)
    article = models.CharField(_("article"), max_length=100)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)

    panels = [FieldPanel("instrument"), FieldPanel("article"), FieldPanel("outcome")]

    class Meta(Orderable.Meta):
        verbose_name = _("provision applied")
        verbose_name_plural = _("provisions applied")

    def __str__(self) -> str:
        return f"{self.instrument}, {self.article}"


class PeopleGroup(Orderable):
    count = models.PositiveIntegerField(
        _("how many"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default="unknown")
    nationality = models.CharField(_("nationality"), max_length=120, blank=True)

    class Meta(Orderable.Meta):
        abstract = True


class VictimGroup(PeopleGroup):
    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="victim_groups")
    age_group = models.CharField(_("child or adult"), max_length=10, choices=AgeGroup.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=VictimStatus.choices, default="unknown"
    )
    label = models.CharField(
        _("initials or the court's pseudonym"),
        max_length=40,
        blank=True,
        help_text=_("Never a full name: initials (L.E.) or the court's own pseudonym."),
    )

    panels = [
        FieldRowPanel([FieldPanel("count"), FieldPanel("sex"), FieldPanel("age_group")]),
        FieldRowPanel([FieldPanel("nationality"), FieldPanel("status"), FieldPanel("label")]),
    ]

    class Meta(PeopleGroup.Meta):
        verbose_name = _("victim group")
        verbose_name_plural = _("victim groups")


class DefendantGroup(PeopleGroup):
    case = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="defendant_groups")
    role = models.CharField(_("role"), max_length=20, choices=DefendantRole.choices)

    panels = [
        FieldRowPanel([FieldPanel("count"), FieldPanel("sex")]),
        FieldRowPanel([FieldPanel("nationality"), FieldPanel("role")]),
    ]

    class Meta(PeopleGroup.Meta):
        verbose_name = _("defendant group")
        verbose_name_plural = _("defendant groups")


# --- Reads the page of a case is served with ---------------------------------------------


def visible_cases(*, index: Page | None = None) -> QuerySet[CasePage]:
    """Published cases without view restrictions (drafts are never shown to readers)."""
    qs = CasePage.objects.live().public()
    if index is not None:
        qs = qs.descendant_of(index)
    return qs


def case_citation(case: CasePage) -> str:
    """'Siliadin v. France, no. 73316/01, ECtHR, 26 July 2005, ECLI:CE:ECHR:…'.

    In the court's own citation style, whatever the page's language (the title as
    recorded, "no.", the English month): one string a reader pastes into a brief, never
    half translated."""
    parts = [case.title]
    if case.application_numbers:
        numbers = [n.strip() for n in case.application_numbers.split(",") if n.strip()]
        prefix = "nos." if len(numbers) > 1 else "no."
        parts.append(
            f"{prefix} {' and '.join(numbers) if len(numbers) == 2 else ', '.join(numbers)}"
        )
    if case.case_number:
        parts.append(case.case_number)
    court = case.court
    parts.append(court.short_name or court.name)
    parts.append(f"{case.decision_date.day} {case.decision_date:%B %Y}")
    if case.ecli:
        parts.append(case.ecli)
    return ", ".join(parts)


def citing_pages(*, case: CasePage, user) -> list[Page]:
    """Live lessons and quizzes (or any page) that cite the case, through Wagtail's
    reference index; pages of courses the reader may not see are left out. A snippet
    that cites it (a quiz question) counts through the page it belongs to."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids, others = set(), []
    for ref in ReferenceIndex.get_references_to(case).select_related("content_type"):
        if ref.base_content_type_id == page_type.pk:
            page_ids.add(int(ref.object_id))
        else:
            others.append(ref)
    for ref in others:
        obj = ref.content_type.model_class()._default_manager.filter(pk=ref.object_id).first()
        owner = next(
            (
                getattr(obj, name)
                for name in ("page", "quiz")
                if isinstance(getattr(obj, name, None), Page)
            ),
            None,
        )
        if owner is not None:
            page_ids.add(owner.pk)
        elif hasattr(obj, "quiz_pages"):  # a quiz question: the quizzes that serve it
            page_ids.update(obj.quiz_pages().values_list("pk", flat=True))
    pages = Page.objects.live().filter(pk__in=page_ids).specific().order_by("path")
    visible = []
    for page in pages:
        course = course_of(page)
        if course is not None and not course_is_visible_to(course=course, user=user):
            continue
        visible.append(page)
    return visible


def related_cases(*, case: CasePage, limit: int = RELATED_LIMIT) -> list[CasePage]:
    """Other published cases that share a legal issue and a form of exploitation with
    this one, those sharing most first."""
    issues = list(case.legal_issues.values_list("pk", flat=True))
    forms = list(case.exploitation_forms.values_list("pk", flat=True))
    if not issues or not forms:
        return []
    return list(
        visible_cases()
        .exclude(pk=case.pk)
        .filter(
            pk__in=CasePage.objects.filter(legal_issues__in=issues).values("pk"),
        )
        .filter(pk__in=CasePage.objects.filter(exploitation_forms__in=forms).values("pk"))
        .annotate(
            shared_issues=Count("legal_issues", filter=Q(legal_issues__in=issues), distinct=True),
            shared_forms=Count(
                "exploitation_forms", filter=Q(exploitation_forms__in=forms), distinct=True
            ),
        )
        .select_related("court")
        .order_by("-shared_issues", "-shared_forms", "-decision_date")[:limit]
    )


def case_detail_context(*, case: CasePage, user) -> dict:
    return {
        "citation": case_citation(case),
        "citing_pages": citing_pages(case=case, user=user),
        "related_cases": related_cases(case=case),
    }
