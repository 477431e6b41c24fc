"""Reads about the home pages that other apps need."""

from __future__ import annotations

from wagtail.models import Locale, Site

from .models import HomePage


def home_page_in(locale: Locale) -> HomePage:
    """The home page in `locale`: the default site's root page or its translation, else the
    first home page in that locale."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        root = site.root_page.specific
        if isinstance(root, HomePage):
            return root if root.locale_id == locale.pk else root.get_translation(locale)
    home = HomePage.objects.filter(locale=locale).order_by("path").first()
    if home is None:
        raise RuntimeError(f"No home page in {locale.language_code}: run the migrations first.")
    return home
