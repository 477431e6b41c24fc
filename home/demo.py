"""The demo home page, programme settings and partners (`demo_content/home.yaml`), for
`manage.py load_demo`. Once the courses are loaded (`finish`), each audience card of the
home pages is pointed at its demo course.

A page or a setting an editor has changed is left alone: `make run` never overwrites what
a trainer wrote in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management.base import CommandError
from wagtail.models import Locale, Site

from config.api import DemoFile, demo_file_read, demo_folder

from .models import HomePage, PartnerLogo, ProgrammeSettings

FOLDER = demo_folder(__file__)
LANGUAGES = ("sr", "en")
AUDIENCE_FIELDS = ("title", "text", "link_url")


@dataclass(frozen=True)
class DemoHome:
    pages: dict[str, dict]  # language → {"title", "intro", "audiences": [{title, text, course}]}
    programme_settings: dict[str, str]
    partners: list[tuple[str, str, str]]  # Serbian name, English name (or ""), website


def demo_home(folder: Path | None = None) -> DemoHome:
    """The file's content, checked; rich text turned into HTML."""
    folder = FOLDER if folder is None else folder
    file = demo_file_read(folder / "home.yaml")
    data = file.check(file.data, "", required=("home_page", "programme_settings", "partners"))
    pages = file.check(data["home_page"], "home_page", required=LANGUAGES)
    fields = [f.name for f in ProgrammeSettings._meta.get_fields() if hasattr(f, "default")]
    settings = file.check(data["programme_settings"], "programme_settings", optional=fields)
    return DemoHome(
        pages={lang: _page(file, pages[lang], f"home_page.{lang}") for lang in LANGUAGES},
        programme_settings={
            name: file.text(value, f"programme_settings.{name}") for name, value in settings.items()
        },
        partners=[
            _partner(file, row, f"partners[{i}]")
            for i, row in enumerate(file.items(data["partners"], "partners"))
        ],
    )


def _page(file: DemoFile, data, place: str) -> dict:
    file.check(data, place, required=("title", "intro", "audiences"))
    audiences = []
    for index, card in enumerate(file.items(data["audiences"], f"{place}.audiences")):
        here = f"{place}.audiences[{index}]"
        file.check(card, here, required=("title", "text"), optional=("course", "link_url"))
        audiences.append(
            {
                key: file.text(value, f"{here}.{key}") if isinstance(value, str) else value
                for key, value in card.items()
            }
        )
    return {
        "title": file.text(data["title"], f"{place}.title"),
        "intro": file.rich_text(data["intro"], f"{place}.intro"),
        "audiences": audiences,
    }


def _partner(file: DemoFile, row, place: str) -> tuple[str, str, str]:
    file.check(row, place, required=("name", "url"), optional=("name_en",))
    return (
        file.text(row["name"], f"{place}.name"),
        file.text(row.get("name_en") or "", f"{place}.name_en"),
        file.text(row["url"], f"{place}.url"),
    )


# --- Home page ----------------------------------------------------------------------


def load(report) -> None:
    content = demo_home()
    _home_pages_load(report, content)
    _programme_settings_load(report, content)


def _home_pages_load(report, content: DemoHome) -> None:
    """Serbian home page content, and its English translation; both published."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise CommandError(f"The default site's root page is a {type(home).__name__}.")

    published = []
    if _home_page_update(home, content.pages[home.locale.language_code]):
        published.append(home.locale.language_code)

    english, _ = Locale.objects.get_or_create(language_code="en")
    translation = home.get_translation_or_none(english)
    created = translation is None
    if created:
        translation = home.copy_for_translation(english)
    if _home_page_update(translation.specific, content.pages["en"], new=created):
        published.append("en")
    # Page URLs per language come from a cached list of the site's root pages
    # and their translations: a new translation must show up in it.
    Site.clear_site_root_paths_cache()
    done = f"published ({', '.join(published)})" if published else "unchanged"
    report.notes.append(f"Home page: {done}.")


def _home_page_update(page: HomePage, content: dict, new: bool = False) -> bool:
    """Write `content` to a page nobody has edited yet, and publish it.

    Once a page has a revision (the demo's or an editor's), it is left alone, so
    that `make run` never overwrites what a trainer wrote in the admin.
    """
    if page.latest_revision_id is not None and not new:
        return False
    wanted = [
        {name: block.get(name, "") for name in AUDIENCE_FIELDS} for block in content["audiences"]
    ]
    current = [
        {name: block.value.get(name) or "" for name in AUDIENCE_FIELDS} for block in page.audiences
    ]
    if (
        page.live
        and not page.has_unpublished_changes
        and page.title == content["title"]
        and page.intro == content["intro"]
        and current == wanted
    ):
        return False
    # Keep any page link an editor (or a later demo section) chose for a card.
    links = [block.value.get("link_page") for block in page.audiences]
    page.title = content["title"]
    page.draft_title = content["title"]
    page.intro = content["intro"]
    page.audiences = [
        ("audience", {**values, "link_page": links[i] if i < len(links) else None})
        for i, values in enumerate(wanted)
    ]
    page.save_revision().publish()
    return True


def finish(report) -> None:
    """Point each demo card of the home pages at its demo course (once the courses exist).

    Only a card that still has the demo's title and leads nowhere is given a link: one an
    editor changed or linked is left as it is.
    """
    content = demo_home()
    site = Site.objects.get(is_default_site=True)
    serbian_home = site.root_page.specific
    # home sits below courses: the course model is named as a ForeignKey would name it.
    course_model = apps.get_model("courses", "CoursePage")
    courses = {c.slug: c for c in course_model.objects.filter(locale=serbian_home.locale)}
    linked = 0
    for home in [serbian_home, *serbian_home.get_translations()]:
        home = home.specific
        page = content.pages.get(home.locale.language_code)
        if page is None:
            continue
        course_for_title = {card["title"]: card.get("course") for card in page["audiences"]}
        cards = []
        changed = False
        for block in home.audiences:
            value = dict(block.value)
            course = courses.get(course_for_title.get(value["title"]) or "")
            if course and not value.get("link_page") and not value.get("link_url"):
                target = course.get_translation_or_none(home.locale)
                if target is not None:
                    value["link_page"] = target
                    changed = True
                    linked += 1
            cards.append(("audience", value))
        if changed:
            home.audiences = cards
            home.save_revision().publish()
    report.notes.append(f"Home page cards: {linked} linked to their courses.")


# --- Programme settings -------------------------------------------------------------


def _programme_settings_load(report, content: DemoHome) -> None:
    """Programme name, footer and partners for the default site, in Serbian and English."""
    site = Site.objects.get(is_default_site=True)
    programme = ProgrammeSettings.for_site(site)
    if programme.partner_logos.exists():
        # Loaded before (or set up by an administrator): leave it as it is, but give the
        # English text to a demo that was loaded before there was any.
        _programme_settings_add_english(programme, content)
        report.notes.append("Programme settings: unchanged.")
        return
    for name, value in content.programme_settings.items():
        setattr(programme, name, value)
    programme.save()
    for order, (name, name_en, url) in enumerate(content.partners):
        PartnerLogo.objects.update_or_create(
            settings=programme,
            name=name,
            defaults={"name_en": name_en, "url": url, "sort_order": order},
        )
    report.notes.append(f"Programme settings: {len(content.partners)} partners.")


def _programme_settings_add_english(programme: ProgrammeSettings, content: DemoHome) -> None:
    """English values where the Serbian ones are still the demo's and the English ones
    were never set (the model's default, or empty)."""
    wanted = content.programme_settings
    changed = []
    for name, value in wanted.items():
        if not name.endswith("_en"):
            continue
        serbian = name.removesuffix("_en")
        default = ProgrammeSettings._meta.get_field(name).default
        if (
            getattr(programme, serbian) == wanted[serbian]
            and getattr(programme, name) in ("", default)
            and getattr(programme, name) != value
        ):
            setattr(programme, name, value)
            changed.append(name)
    if changed:
        programme.save(update_fields=changed)
    for name, name_en, _url in content.partners:
        if name_en:
            PartnerLogo.objects.filter(settings=programme, name=name, name_en="").update(
                name_en=name_en
            )
