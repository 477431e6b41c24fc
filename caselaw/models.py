"""Case law: judgments as Wagtail pages, described by controlled vocabularies (snippets)."""

from __future__ import annotations

from django import forms
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from accounts.api import Profession
from pagecache.api import serve_page
from serbian.api import SerbianScriptsPageMixin

from .panels import AnonymityNoticePanel

# ECLI:<country>:<court>:<year>:<ordinal> — country two letters (EU for the Union),
# court up to 7 letters/digits, a four-digit year, an ordinal of up to 25 characters
# (letters, digits and dots).
ECLI_PATTERN = r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:(19|20)\d{2}:[A-Za-z0-9.]{1,25}$"
ecli_validator = RegexValidator(
    ECLI_PATTERN,
    _(
        "Enter an ECLI as ECLI:<country>:<court>:<year>:<ordinal>, for example "
        "ECLI:CE:ECHR:2005:0726JUD007331601 (the ordinal has at most 25 letters, digits "
        "or dots)."
    ),
    code="invalid_ecli",
)


# --- Vocabularies (snippets) ----------------------------------------------------------


class Term(models.Model):
    """A value of a controlled vocabulary: its slug is what URLs and imports use."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120, help_text=_("In Serbian, either script."))
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name for the reader: English under /en/, Serbian (to be shown in the
        reader's script) otherwise."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Country(Term):
    class Meta(Term.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Act(Term):
    class Meta(Term.Meta):
        verbose_name = _("act")
        verbose_name_plural = _("acts")


class Means(Term):
    class Meta(Term.Meta):
        verbose_name = _("means")
        verbose_name_plural = _("means")


class ExploitationForm(Term):
    class Meta(Term.Meta):
        verbose_name = _("form of exploitation")
        verbose_name_plural = _("forms of exploitation")


class Sector(Term):
    class Meta(Term.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class LegalIssue(Term):
    class Meta(Term.Meta):
        verbose_name = _("legal issue")
        verbose_name_plural = _("legal issues")


class CourtLevel(models.TextChoices):
    ECTHR_GRAND_CHAMBER = "ecthr_gc", _("ECtHR Grand Chamber")
    ECTHR_CHAMBER = "ecthr_chamber", _("ECtHR Chamber")
    ECTHR_COMMITTEE = "ecthr_committee", _("ECtHR Committee")
    CONSTITUTIONAL = "constitutional", _("Constitutional court")
    SUPREME = "supreme", _("Supreme court")
    APPELLATE = "appellate", _("Appellate court")
    HIGHER = "higher", _("Higher court")
    BASIC = "basic", _("Basic court")


class Court(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty for an international court."),
    )
    level = models.CharField(_("level"), max_length=20, choices=CourtLevel.choices)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("country"),
        FieldPanel("level"),
    ]

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# --- The case --------------------------------------------------------------------------


class Scope(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    TRANSNATIONAL = "transnational", _("Transnational")
    UNKNOWN = "unknown", _("Not known")


class Outcome(models.TextChoices):
    VIOLATION = "violation", _("Violation")
    NO_VIOLATION = "no_violation", _("No violation")
    CONVICTION = "conviction", _("Conviction")
    ACQUITTAL = "acquittal", _("Acquittal")
    PARTIAL = "partial", _("Partly upheld")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    MIXED = "mixed", _("Mixed")
    UNKNOWN = "unknown", _("Not known")


class AgeGroup(models.TextChoices):
    CHILD = "child", _("Child")
    ADULT = "adult", _("Adult")
    MIXED = "mixed", _("Children and adults")


class VictimStatus(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    IRREGULAR_MIGRANT = "irregular_migrant", _("Irregular migrant")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    REFUGEE = "refugee", _("Refugee")
    REGULAR_MIGRANT = "regular_migrant", _("Regular migrant")
    UNKNOWN = "unknown", _("Not known")


class DefendantRole(models.TextChoices):
    RECRUITER = "recruiter", _("Recruiter")
    TRANSPORTER = "transporter", _("Transporter")
    EXPLOITER = "exploiter", _("Exploiter")
    ORGANISER = "organiser", _("Organiser")
    STATE = "state", _("Respondent State")
    OTHER = "other", _("Other")


class CaseIndexPage(SerbianScriptsPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *SerbianScriptsPageMixin.search_fields_scripts]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["caselaw.CasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case-law library")

    def get_context(self, request, *args, **kwargs):
        # Function-level: the library, its caching and selectors import these models (the cycle
        # goes with the split of caselaw's selectors, issue 18).
        from .library import case_library_html

        context = super().get_context(request, *args, **kwargs)
        context["library"] = case_library_html(request=request, index=self)
        return context

    def serve(self, request, *args, **kwargs):
        """Through pagecache: the whole page for each filter combination the form accepts
        (its query string as sent), out of date with any change to the library."""
        # Function-level: the library, its caching and selectors import these models (the cycle
        # goes with the split of caselaw's selectors, issue 18).
        from .caching import LIBRARY
        from .library import library_query_is_shareable

        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_page(
            page=self,
            request=request,
            whole_tree=False,
            also_depends_on={LIBRARY},
            query_ok=library_query_is_shareable(request.GET),
        )


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
        # Function-level: the library, its caching and selectors import these models (the cycle
        # goes with the split of caselaw's selectors, issue 18).
        from .selectors import case_citation

        return case_citation(self)

    def get_context(self, request, *args, **kwargs):
        # Function-level: the library, its caching and selectors import these models (the cycle
        # goes with the split of caselaw's selectors, issue 18).
        from .selectors import case_detail_context

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
