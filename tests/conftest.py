import functools

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from accounts.factories import UserFactory
from accounts.models import Role
from institutions.factories import InstitutionFactory
from pagecache import store, versions
from serbian import glossary

_TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool(_TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test empties the database when it ends (pytest-django flushes it),
    migration data included: the root page, locales, content types. Django's runner runs
    such tests last; `--dist loadfile` sends whole modules to a worker in no fixed order,
    so a rollback test may come next on the same worker. Put back what the migrations
    made (serialized when the test database was created) before it runs. After the
    worker's last test the session's fixtures have already dropped the test database
    (and pointed the connection back at the real one): nothing to restore then."""
    result = yield
    if nextitem is not None and _is_transactional(item):
        _restore_migrated_data(item.config)
    return result


def _restore_migrated_data(config) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def certificate_signing_key(tmp_path_factory):
    """Certificates are signed in tests as in production, with a key and a self-signed
    chain made once per test session (per xdist worker): certificates.signing.KeyFiles.
    Their Open Badges credentials likewise, with files.folder / "credential-key.pem"."""
    from certificates.openbadges import keys_write_dev
    from certificates.signing import key_chain_write

    files = key_chain_write(tmp_path_factory.mktemp("signing"), label="Test")
    credential_key = keys_write_dev(files.folder / "credential-key.pem")
    values = {
        "CERTIFICATE_SIGNING_PKCS12": "",
        "CERTIFICATE_SIGNING_PASSPHRASE": "",
        "CERTIFICATE_SIGNING_KEY": str(files.key),
        "CERTIFICATE_SIGNING_CERT": str(files.certificate),
        "CERTIFICATE_SIGNING_CHAIN": [str(files.root)],
        "CERTIFICATE_SIGNING_FORMER_CERTS": [],
        "CERTIFICATE_TSA_URL": "",
        # Open Badges credentials (certificates.openbadges) are signed with this one.
        "CREDENTIAL_KEY_FILE": str(credential_key),
        "CREDENTIAL_FORMER_KEY_FILES": [],
    }
    # Set on the settings themselves, not with override_settings: that would hide
    # SETTINGS_MODULE (load_demo reads it) for the whole session.
    before = {name: getattr(settings, name) for name in values}
    for name, value in values.items():
        setattr(settings, name, value)
    yield files
    for name, value in before.items():
        setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _clean_slate():
    """Each test starts with an empty cache and the default language, whatever ran before
    (a view may activate a language in the test's thread)."""
    cache.clear()
    versions.discard_pending()
    store.local_forget()
    glossary.forget()  # the transliteration glossary this process compiled
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    versions.discard_pending()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): …` runs what the block left for after its commit (cached pages'
    invalidation, pagecache.versions), as the commit of a real transaction would; a
    test's own transaction never commits."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def tree(db):
    """A small institution tree: a ministry with two police administrations, one station each."""
    ministry = InstitutionFactory(code="MUP", name_en="Ministry of Interior", kind="ministry")
    belgrade = InstitutionFactory(
        parent=ministry, code="PU-BG", name_en="Belgrade Police Administration"
    )
    nis = InstitutionFactory(parent=ministry, code="PU-NI", name_en="Niš Police Administration")
    station_bg = InstitutionFactory(parent=belgrade, code="PS-BG-1", name_en="Station Vračar")
    station_ni = InstitutionFactory(parent=nis, code="PS-NI-1", name_en="Station Medijana")
    for node in (ministry, belgrade, nis, station_bg, station_ni):
        node.refresh_from_db()
    return {
        "ministry": ministry,
        "belgrade": belgrade,
        "nis": nis,
        "station_bg": station_bg,
        "station_ni": station_ni,
    }


@pytest.fixture
def learner(tree):
    return UserFactory(institution=tree["station_bg"])


@pytest.fixture
def other_learner(tree):
    return UserFactory(institution=tree["station_ni"], first_name="Đorđe", last_name="Ђорђевић")


@pytest.fixture
def trainer(tree):
    return UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)])


@pytest.fixture
def manager_bg(tree):
    return UserFactory(
        institution=tree["belgrade"],
        roles=[(Role.INSTITUTION_MANAGER, tree["belgrade"])],
    )


@pytest.fixture
def analyst(tree):
    return UserFactory(
        institution=tree["ministry"], roles=[(Role.MINISTRY_ANALYST, tree["ministry"])]
    )


@pytest.fixture
def administrator(tree):
    return UserFactory(institution=tree["ministry"], roles=[(Role.ADMINISTRATOR, None)])


def login_with_mfa(client, user):
    """Sign in as if the person had passed TOTP in this session."""
    from allauth.account.internal.flows.login import record_authentication
    from django.test import RequestFactory

    client.force_login(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    record_authentication(request, user, "mfa", type="totp")
    session.save()
    return client


@pytest.fixture
def mfa_login():
    return login_with_mfa


@pytest.fixture
def english(settings, client):
    """The interface in English, for tests that read English messages: gettext, URLs
    reversed under /en/, and the admin (language cookie and Wagtail's default)."""
    settings.WAGTAILADMIN_DEFAULT_LANGUAGE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    translation.activate("en")
    yield
    translation.activate(settings.LANGUAGE_CODE)


def in_serbian(message: str) -> str:
    """`message` as a reader of the Serbian (Latin) interface sees it."""
    with translation.override("sr-latn"):
        return translation.gettext(message)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """`load_demo` once for a whole test module (it takes tens of seconds), rolled back when
    the module ends. Each test of the module runs inside its own savepoint on top of it
    (pytest-django's `db` nests), so a test that changes the demo leaves nothing for the
    next one. Only modules whose every test wants the demo may use it: a test of the same
    module that does not ask for it still runs on top of the loaded demo. `--dist loadfile`
    (pyproject.toml) keeps a module on one xdist worker, so the demo loads once per module
    and not once per worker. Yields what the command printed."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            output = StringIO()
            call_command("load_demo", stdout=output)
            cache.clear()
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
