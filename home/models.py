from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site

from pagecache.api import serve_page
from serbian.api import SerbianScriptsPageMixin, for_reader

from .blocks import AudienceEntryBlock


class HomePage(SerbianScriptsPageMixin, Page):
    """The site's front page: what the programme is, and a way in for each audience."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    audiences = StreamField(
        [("audience", AudienceEntryBlock())],
        verbose_name=_("audience entry points"),
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("audiences")]

    search_fields = [*Page.search_fields, *SerbianScriptsPageMixin.search_fields_scripts]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "courses.CourseIndexPage",
        "caselaw.CaseIndexPage",
        "trainings.TrainingIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def serve(self, request, *args, **kwargs):
        """From its cached entry (pagecache): the same for everyone signed out, and for
        everyone signed in but for the menu. It shows only itself; the pages it links to
        reach it through the reference index."""
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_page(page=self, request=request, whole_tree=False)


def in_language(serbian: str, english: str, language: str | None) -> str:
    """Text kept in Serbian (either script) and in English, for a reader of `language`
    (the active one unless given): English for `en` (the Serbian text when there is no
    English), the Serbian text in the reader's script otherwise."""
    language = language or get_language() or "sr-latn"
    if language == "en" and english:
        return english
    if language == "en":
        return for_reader(serbian, "sr-latn")
    return for_reader(serbian, language)


def fallback_lang(english: str, language: str | None) -> str:
    """The `lang` attribute for Serbian text shown on an English page because no English
    text was given ("sr-Latn"); empty when the text is in the page's own language."""
    language = language or get_language()
    return "sr-Latn" if language == "en" and not english else ""


# What a new site says before anyone fills the settings in: Serbian in the Serbian fields
# (Cyrillic pages transliterate them; English text there would come out letter by letter).
DEFAULT_PROGRAMME_NAME = "Jačanje krivičnopravnog odgovora na trgovinu ljudima"
DEFAULT_SHORT_NAME = "E-učenje: borba protiv trgovine ljudima"
DEFAULT_FOOTER_TEXT = "Zajednički program IOM, UNHCR i UNODC sa Vladom Republike Srbije."


@register_setting(icon="site")
class ProgrammeSettings(ClusterableModel, BaseSiteSetting):
    """What certificates, e-mails and every page's header and footer say about the
    programme behind the site, in Serbian (either script) and in English."""

    programme_name = models.CharField(
        _("programme name"),
        max_length=255,
        default=DEFAULT_PROGRAMME_NAME,
        help_text=_("In Serbian, in either script."),
    )
    programme_name_en = models.CharField(
        _("programme name (English)"),
        max_length=255,
        default="Strengthening the criminal-justice response to trafficking in human beings",
    )
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        default=DEFAULT_SHORT_NAME,
        help_text=_("The site's name: in the header, page titles and e-mails. In Serbian."),
    )
    short_name_en = models.CharField(
        _("short name (English)"), max_length=80, default="Anti-trafficking e-learning"
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        default=DEFAULT_FOOTER_TEXT,
        help_text=_("In Serbian, in either script."),
    )
    footer_text_en = models.TextField(
        _("footer text (English)"),
        blank=True,
        default=(
            "A joint programme of IOM, UNHCR and UNODC with the Government of the "
            "Republic of Serbia."
        ),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)

    panels = [
        FieldPanel("programme_name"),
        FieldPanel("programme_name_en"),
        FieldPanel("short_name"),
        FieldPanel("short_name_en"),
        FieldPanel("footer_text"),
        FieldPanel("footer_text_en"),
        FieldPanel("contact_email"),
        InlinePanel("partner_logos", label=_("Partner logos")),
    ]

    class Meta:
        verbose_name = _("programme settings")

    @classmethod
    def current(cls, request=None) -> "ProgrammeSettings":
        """The settings of the request's site, or of the default site (e-mails sent by a
        task, certificates)."""
        if request is not None:
            return cls.for_request(request)
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()

    def name_for(self, language: str | None = None) -> str:
        """The programme's name for a reader of `language` (the active one unless given)."""
        return in_language(self.programme_name, self.programme_name_en, language)

    def short_name_for(self, language: str | None = None) -> str:
        """The site's name for a reader of `language`."""
        return in_language(self.short_name, self.short_name_en, language)

    def footer_for(self, language: str | None = None) -> str:
        return in_language(self.footer_text, self.footer_text_en, language)

    def partners_for_display(self):
        """The partners in order, with their logos and the logos' renditions at hand (one
        query each, however many partners)."""
        return self.partner_logos.select_related("logo").prefetch_related("logo__renditions")

    # For templates, in the language being read.
    @property
    def reader_name(self) -> str:
        return self.name_for()

    @property
    def reader_short_name(self) -> str:
        return self.short_name_for()

    @property
    def reader_footer(self) -> str:
        return self.footer_for()

    @property
    def reader_footer_lang(self) -> str:
        return fallback_lang(self.footer_text_en, None)


class PartnerLogo(Orderable):
    settings = ParentalKey(
        ProgrammeSettings, related_name="partner_logos", on_delete=models.CASCADE
    )
    name = models.CharField(
        _("partner name"),
        max_length=120,
        help_text=_("In Serbian; also the logo's text alternative."),
    )
    name_en = models.CharField(
        _("partner name (English)"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty when it is the same as the Serbian (e.g. IOM)."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("logo"), FieldPanel("url")]

    def __str__(self) -> str:
        return self.name

    def name_for(self, language: str | None = None) -> str:
        """The partner's name for a reader of `language` (the active one unless given)."""
        return in_language(self.name, self.name_en, language)

    @property
    def reader_name(self) -> str:
        return self.name_for()

    @property
    def reader_lang(self) -> str:
        """`lang` for the name where an English page shows the Serbian one."""
        if self.name_en or self.name.isupper():
            return ""  # an acronym (IOM, UNHCR) reads the same in both
        return fallback_lang(self.name_en, None)
