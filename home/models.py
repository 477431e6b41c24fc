from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from serbian.pages import SerbianScriptsPageMixin

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
    subpage_types = ["courses.CourseIndexPage", "caselaw.CaseIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def serve(self, request, *args, **kwargs):
        """From its cached entry (pagecache): the same for everyone signed out, and for
        everyone signed in but for the menu. It shows only itself; the pages it links to
        reach it through the reference index."""
        from pagecache.store import serve_page

        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_page(page=self, request=request, whole_tree=False)


@register_setting(icon="site")
class ProgrammeSettings(ClusterableModel, BaseSiteSetting):
    """What certificates and the site header say about the programme behind the site."""

    programme_name = models.CharField(
        _("programme name"),
        max_length=255,
        default="Strengthening the criminal-justice response to trafficking in human beings",
    )
    short_name = models.CharField(
        _("short name"), max_length=80, default="Anti-trafficking e-learning"
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        default=(
            "A joint programme of IOM, UNHCR and UNODC with the Government of the "
            "Republic of Serbia."
        ),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)

    panels = [
        FieldPanel("programme_name"),
        FieldPanel("short_name"),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
        InlinePanel("partner_logos", label=_("Partner logos")),
    ]

    class Meta:
        verbose_name = _("programme settings")


class PartnerLogo(Orderable):
    settings = ParentalKey(
        ProgrammeSettings, related_name="partner_logos", on_delete=models.CASCADE
    )
    name = models.CharField(_("partner name"), max_length=120)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]

    def __str__(self) -> str:
        return self.name
