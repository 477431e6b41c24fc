"""A training's page in the Wagtail admin leads its organisers to the registrations and
attendance screens (served on the site, usable on a tablet)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from .models import TrainingPage
from .services import user_may_organise


class RegistrationsMenuItem(PageMenuItem):
    label = _("Registrations and attendance")
    icon_name = "group"
    url_name = "trainings:organise"

    def is_shown(self, user):
        return user_may_organise(user=user, training=self.page.specific)


def _training_buttons(page, priority):
    if page.specific_class is not None and issubclass(page.specific_class, TrainingPage):
        yield RegistrationsMenuItem(page=page, priority=priority)


@hooks.register("register_page_header_buttons")
def training_header_buttons(page, user, view_name=None, next_url=None):
    yield from _training_buttons(page, priority=67)


@hooks.register("register_page_listing_more_buttons")
def training_listing_buttons(page, user, next_url=None):
    yield from _training_buttons(page, priority=67)
