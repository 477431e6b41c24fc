"""The page types of trainings: the calendar (one per language, under the home page) and a
training (a seminar, workshop, training of trainers, study visit or webinar) with its
sessions.

Registrations and attendance are kept against the training and sessions of the page in the
default locale (as course progress is): a translated training page shows and registers for
the sessions of its Serbian page, where sessions are authored."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from accounts.api import Profession
from courses.api import canonical_id
from serbian.api import SerbianScriptsPageMixin

from ..ical import ical_feed_response
from ..selectors import calendar_for, training_context_for
from .choices import PlacesBy, TrainingKind


class TrainingIndexPage(RoutablePageMixin, SerbianScriptsPageMixin, Page):
    """The calendar of trainings in one language, with its iCalendar feed (`feed.ics`)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["trainings.TrainingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training calendar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_for(index=self, now=timezone.now()))
        return context

    @path("")
    def calendar(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def feed(self, request):
        return ical_feed_response(index=self, request=request)


class TrainingPageForm(WagtailAdminPageForm):
    audience_professions = forms.MultipleChoiceField(
        label=_("Audience professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("registration_opens"), cleaned.get("registration_closes")
        if opens and closes and opens >= closes:
            self.add_error("registration_closes", _("Registration closes before it opens."))
        return cleaned


class TrainingPage(SerbianScriptsPageMixin, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices)
    summary = models.TextField(_("summary"), max_length=1000)
    description = RichTextField(
        _("description"), blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"]
    )
    audience_professions = models.JSONField(_("audience professions"), default=list, blank=True)
    organiser = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The institution that runs the training (the Judicial Academy, say)."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    places_by = models.CharField(
        _("places are filled by"), max_length=20, choices=PlacesBy.choices, default=PlacesBy.BOTH
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("online course"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Blended training: the online part, before or after the sessions."),
    )
    completion_share = models.PositiveSmallIntegerField(
        _("sessions to attend (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of sessions a participant must attend to complete it."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("kind"),
        *SerbianScriptsPageMixin.search_fields_scripts,
    ]
    script_search_fields = ("summary", "description")
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("audience_professions"),
                FieldPanel("capacity"),
                FieldPanel("places_by"),
                FieldPanel("registration_opens"),
                FieldPanel("registration_closes"),
            ],
            heading=_("Places"),
        ),
        InlinePanel(
            "sessions",
            label=_("Sessions"),
            min_num=1,
            help_text=_("Sessions are kept on the training's page in the default language."),
        ),
        MultiFieldPanel(
            [FieldPanel("course"), FieldPanel("completion_share")],
            heading=_("Completion"),
        ),
    ]
    base_form_class = TrainingPageForm
    parent_page_types = ["trainings.TrainingIndexPage"]
    subpage_types: list[str] = []
    # A copy (next year's edition) starts without the old dates.
    exclude_fields_in_copy = ["sessions"]

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def canonical(self) -> TrainingPage:
        """The training in the default locale, where places and attendance are kept."""
        pk = canonical_id(self)
        return self if pk == self.pk else TrainingPage.objects.get(pk=pk)

    def registration_is_open(self, *, now=None) -> bool:
        now = now or timezone.now()
        if self.registration_opens and now < self.registration_opens:
            return False
        if self.registration_closes and now >= self.registration_closes:
            return False
        first = self.sessions.filter(cancelled_at__isnull=True).order_by("starts_at").first()
        return first is None or now < first.starts_at

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(training_context_for(training=self, user=request.user))
        return context
