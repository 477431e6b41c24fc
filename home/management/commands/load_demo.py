"""`manage.py load_demo`: demo institutions, accounts, home page and settings.

Safe to run again and again: every section looks its records up by a stable key
(institution code, email, page translation, partner name) and updates in place.
A later feature adds its own section by appending a function to `SECTIONS`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Locale, Site

from accounts.models import SCOPED_ROLES, Profession, Role, User
from accounts.services import role_grant, user_create
from home import demo_data
from home.demo_data import DEMO_PASSWORD, DemoInstitution
from home.models import HomePage, PartnerLogo, ProgrammeSettings
from institutions.models import Institution

INSTITUTION_FIELDS = ("name_sr", "name_en", "kind", "region")
AUDIENCE_FIELDS = ("title", "text", "link_url")


@dataclass
class DemoAccountLine:
    email: str
    name: str
    what: str
    institution: str
    created: bool


@dataclass
class DemoReport:
    """What the sections did, printed once the transaction has committed."""

    notes: list[str] = field(default_factory=list)
    accounts: list[DemoAccountLine] = field(default_factory=list)


# --- Institutions -----------------------------------------------------------------


def load_institutions(report: DemoReport) -> None:
    """Create or update the institution tree, matching nodes by code."""
    counts = {"created": 0, "updated": 0, "moved": 0}
    for root in demo_data.INSTITUTIONS:
        _institution_upsert(root, parent=None, counts=counts)
    total = Institution.objects.count()
    report.notes.append(
        f"Institutions: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['moved']} moved, {total} in the tree."
    )


def _institution_upsert(
    data: DemoInstitution, *, parent: Institution | None, counts: dict[str, int]
) -> Institution:
    values = {name: getattr(data, name) for name in INSTITUTION_FIELDS}
    node = Institution.objects.filter(code=data.code).first()
    if node is None:
        node = Institution(code=data.code, **values)
        if parent is None:
            node = Institution.add_root(instance=node)
        else:
            # Inserting sorted siblings rewrites paths: work from fresh copies.
            parent.refresh_from_db()
            node = parent.add_child(instance=node)
        counts["created"] += 1
    else:
        changed = [name for name, value in values.items() if getattr(node, name) != value]
        if changed:
            for name in changed:
                setattr(node, name, values[name])
            node.save(update_fields=changed)
            counts["updated"] += 1
        if _institution_reparent(node, parent=parent):
            counts["moved"] += 1
    for child in data.children:
        _institution_upsert(child, parent=node, counts=counts)
    node.refresh_from_db()
    return node


def _institution_reparent(node: Institution, *, parent: Institution | None) -> bool:
    """Put `node` back under `parent` if someone moved it; True when it moved."""
    current = node.get_parent(update=True)
    if (current.pk if current else None) == (parent.pk if parent else None):
        return False
    if parent is None:
        node.move(Institution.get_first_root_node(), pos="sorted-sibling")
    else:
        parent.refresh_from_db()
        node.move(parent, pos="sorted-child")
    node.refresh_from_db()
    return True


# --- Accounts ---------------------------------------------------------------------


def load_accounts(report: DemoReport) -> None:
    """Create the demo accounts (verified emails) and make sure each has its role.

    An account that already exists is left as it is, apart from its role.
    """
    institutions = {i.code: i for i in Institution.objects.all()}
    # One hash for every new account: hashing is slow on purpose, and the demo must not be.
    password_hash = None
    existing = {u.email: u for u in User.objects.filter(email__in=_demo_emails())}
    for account in demo_data.ACCOUNTS:
        user = existing.get(account.email)
        created = user is None
        if created:
            user = user_create(
                email=account.email,
                first_name=account.first_name,
                last_name=account.last_name,
                institution=institutions[account.institution],
                profession=account.profession,
                preferred_language=account.preferred_language,
                email_verified=True,
            )
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user.password = password_hash
            user.save(update_fields=["password"])
        if account.role:
            scope = institutions[account.scope] if account.role in SCOPED_ROLES else None
            role_grant(user=user, role=account.role, institution=scope)
        report.accounts.append(
            DemoAccountLine(
                email=account.email,
                name=user.get_full_name(),
                what=account_description(account),
                institution=account.institution,
                created=created,
            )
        )


def _demo_emails() -> list[str]:
    return [account.email for account in demo_data.ACCOUNTS]


def account_description(account: demo_data.DemoAccount) -> str:
    if account.role is None:
        return f"learner ({Profession(account.profession).label.lower()})"
    label = Role(account.role).label
    return f"{label} of {account.scope}" if account.scope else str(label)


# --- Home page ----------------------------------------------------------------------


def load_home(report: DemoReport) -> None:
    """Serbian home page content, and its English translation; both published."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise CommandError(f"The default site's root page is a {type(home).__name__}.")

    published = []
    if _home_page_update(home, demo_data.HOME_PAGE[home.locale.language_code]):
        published.append(home.locale.language_code)

    english, _ = Locale.objects.get_or_create(language_code="en")
    translation = home.get_translation_or_none(english)
    created = translation is None
    if created:
        translation = home.copy_for_translation(english)
    if _home_page_update(translation.specific, demo_data.HOME_PAGE["en"], new=created):
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


def load_home_links(report: DemoReport) -> None:
    """Point each demo card of the home pages at its demo course (once the courses exist).

    Only a card that still has the demo's title and leads nowhere is given a link: one an
    editor changed or linked is left as it is.
    """
    from courses.models import CoursePage

    site = Site.objects.get(is_default_site=True)
    serbian_home = site.root_page.specific
    courses = {c.slug: c for c in CoursePage.objects.filter(locale=serbian_home.locale)}
    linked = 0
    for home in [serbian_home, *serbian_home.get_translations()]:
        home = home.specific
        content = demo_data.HOME_PAGE.get(home.locale.language_code)
        if content is None:
            continue
        course_for_title = {card["title"]: card.get("course") for card in content["audiences"]}
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


def load_programme_settings(report: DemoReport) -> None:
    """Programme name, footer and partners for the default site, in Serbian and English."""
    site = Site.objects.get(is_default_site=True)
    programme = ProgrammeSettings.for_site(site)
    if programme.partner_logos.exists():
        # Loaded before (or set up by an administrator): leave it as it is, but give the
        # English text to a demo that was loaded before there was any.
        _programme_settings_add_english(programme)
        report.notes.append("Programme settings: unchanged.")
        return
    for name, value in demo_data.PROGRAMME_SETTINGS.items():
        setattr(programme, name, value)
    programme.save()
    for order, (name, name_en, url) in enumerate(demo_data.PARTNERS):
        PartnerLogo.objects.update_or_create(
            settings=programme,
            name=name,
            defaults={"name_en": name_en, "url": url, "sort_order": order},
        )
    report.notes.append(f"Programme settings: {len(demo_data.PARTNERS)} partners.")


def _programme_settings_add_english(programme: ProgrammeSettings) -> None:
    """English values where the Serbian ones are still the demo's and the English ones
    were never set (the model's default, or empty)."""
    changed = []
    for name, value in demo_data.PROGRAMME_SETTINGS.items():
        if not name.endswith("_en"):
            continue
        serbian = name.removesuffix("_en")
        default = ProgrammeSettings._meta.get_field(name).default
        if (
            getattr(programme, serbian) == demo_data.PROGRAMME_SETTINGS[serbian]
            and getattr(programme, name) in ("", default)
            and getattr(programme, name) != value
        ):
            setattr(programme, name, value)
            changed.append(name)
    if changed:
        programme.save(update_fields=changed)
    for name, name_en, _url in demo_data.PARTNERS:
        if name_en:
            PartnerLogo.objects.filter(settings=programme, name=name, name_en="").update(
                name_en=name_en
            )


def load_curriculum(report: DemoReport) -> None:
    """The four demo courses (courses.demo), given to the demo trainers to edit."""
    import io

    from accounts.models import User
    from courses.authoring import course_assign_trainer
    from courses.demo import load_courses
    from courses.models import CoursePage

    out = io.StringIO()
    load_courses(stdout=out)
    report.notes.extend(line for line in out.getvalue().splitlines() if line.strip())
    trainers = User.objects.filter(email__in=["trainer@demo.local", "senior.trainer@demo.local"])
    serbian_courses = CoursePage.objects.filter(locale__language_code="sr")
    for trainer in trainers:
        for course in serbian_courses:
            course_assign_trainer(course=course, user=trainer)
    report.notes.append(f"Courses given to the demo trainers: {serbian_courses.count()}.")


def load_certificate_signatories(report: DemoReport) -> None:
    """Two demo signatories for certificates (certificates.demo)."""
    from certificates.demo import load_signatories

    created, updated = load_signatories()
    report.notes.append(f"Certificate signatories: {created} added, {updated} updated.")


# --- Quizzes (quizzes.demo) -------------------------------------------------------------


def load_demo_quizzes(report: DemoReport) -> None:
    """A module quiz and a final exam in each demo course, in Serbian and English."""
    from quizzes.demo import load_quizzes

    counts = load_quizzes()
    report.notes.append(
        "Quizzes: " + ", ".join(f"{counts[key]} {key}" for key in sorted(counts)) + "."
    )


# --- Case law (caselaw.demo) --------------------------------------------------------


def load_case_law(report: DemoReport) -> None:
    """The demo case-law library (eight ECtHR judgments), linked into the lessons."""
    from caselaw.demo import load_caselaw

    counts = load_caselaw()
    report.notes.append(
        f"Case law: {counts['created']} pages created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['lessons linked']} lessons linked."
    )


# --- Learning history (home.demo_history) -------------------------------------------------


def load_learning_history(report: DemoReport) -> None:
    """Some hundreds of demo learners with 18 months of enrolments, quiz attempts and
    certificates, so that statistics and reports have something to show. Last: it needs
    the institutions, the managers, the courses and their quizzes."""
    from home.demo_history import DEFAULT_LEARNERS, history_load, history_summary

    learners = getattr(settings, "DEMO_HISTORY_LEARNERS", DEFAULT_LEARNERS)
    report.notes.append(history_summary(history_load(learners=learners)))


# --- Search and reference indexes ----------------------------------------------------------


@contextmanager
def indexes_built_here(report: DemoReport) -> Iterator[None]:
    """Bring the search index and Wagtail's reference index up to date in this process,
    instead of queueing a background task for every save.

    Each save of an indexed model normally queues an update of each index (modelsearch's
    and Wagtail's post_save handlers, django-tasks tasks): some 1,600 for the demo, and
    search finds nothing until a worker has run them. While the block runs the saves are
    only noted (model and id); at its end each object saved is indexed once, in its final
    state, inside the same transaction, by the same code the tasks run. Deletions still
    leave both indexes at once (post_delete is untouched). The search handler is swapped
    for the whole process: meant for a management command, not for a web process."""
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import disable_reference_index_auto_update
    from wagtail.tasks import update_reference_index_task

    saved: dict[type, set] = defaultdict(set)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    searched = [
        model
        for model in index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    post_save.connect(note, weak=False, dispatch_uid="load_demo.indexes")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="load_demo.indexes")
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    counts = {"search": 0, "references": 0}
    for model, pks in saved.items():
        in_search = model in searched
        in_references = model in ReferenceIndex.tracked_models
        if not (in_search or in_references):
            continue
        for instance in model._default_manager.filter(pk__in=pks).iterator():
            if in_search:
                index.insert_or_update_object(instance)
                counts["search"] += 1
            if in_references:
                meta = instance._meta
                update_reference_index_task.call(meta.app_label, meta.model_name, str(instance.pk))
                counts["references"] += 1
    report.notes.append(
        f"Indexes: {counts['search']} objects indexed for search, "
        f"{counts['references']} for Wagtail's reference index."
    )


def write_demo_accounts(out, style, accounts: list[DemoAccountLine]) -> None:
    """The demo accounts and their password, as `load_demo` and `demo_accounts` print them."""
    if not accounts:
        return
    out.write("")
    out.write(style.WARNING("Demo accounts: for local demonstration only."))
    out.write(f"Password of every demo account: {DEMO_PASSWORD}")
    width = max(len(a.email) for a in accounts)
    what_width = max(len(a.what) for a in accounts)
    for a in accounts:
        kept = "" if a.created else "  (existing account, left as it was)"
        out.write(f"  {a.email:<{width}}  {a.what:<{what_width}}  {a.name} · {a.institution}{kept}")
    out.write(
        "Staff accounts (administrator, trainers, manager, analyst) must set up an "
        "authenticator app (TOTP) the first time they open /admin/."
    )


SECTIONS: list[Callable[[DemoReport], None]] = [
    load_institutions,
    load_accounts,
    load_home,
    load_curriculum,
    load_home_links,
    load_programme_settings,
    load_certificate_signatories,
    load_case_law,
    load_demo_quizzes,
    load_learning_history,
]


class Command(BaseCommand):
    help = "Load (or refresh) the demo institutions, accounts, home page and settings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with production settings (the demo accounts share a known password).",
        )

    def handle(self, *args, allow_production=False, **options):
        if settings.SETTINGS_MODULE.endswith(".production") and not allow_production:
            raise CommandError(
                "Refusing to load demo accounts with a known password under production "
                "settings. Pass --allow-production if you really mean it."
            )
        report = DemoReport()
        with transaction.atomic(), indexes_built_here(report):
            for section in SECTIONS:
                section(report)
        for note in report.notes:
            self.stdout.write(note)
        write_demo_accounts(self.stdout, self.style, report.accounts)
