"""The vocabularies that describe cases (snippets), the courts, and the choices of the
fields of cases."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

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
