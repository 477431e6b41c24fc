"""The transliteration glossary: kept by trainers in the admin, applied at once to every
Cyrillic page (cached ones included), and the report of words to review."""

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from caselaw.factories import CasePageFactory
from pagecache import versions
from serbian import report
from serbian.models import GlossaryEntry
from serbian.transliteration import for_reader, latin_to_cyrillic

pytestmark = pytest.mark.django_db

REFUSED = (302, 403, 404)


def snippet_url(name, *args):
    return reverse(f"wagtailsnippets_serbian_glossaryentry:{name}", args=args)


def test_the_seeded_glossary_writes_the_demo_case_names_as_editors_do():
    assert latin_to_cyrillic("Rantsev protiv Kipra i Rusije") == "Ранцев против Кипра и Русије"
    assert latin_to_cyrillic("Siliadin protiv Francuske") == "Силиадин против Француске"
    assert latin_to_cyrillic("Chowdury i drugi protiv Grčke") == "Chowdury и други против Грчке"
    assert latin_to_cyrillic("ECtHR [GC]") == "ECtHR [ВВ]"
    assert latin_to_cyrillic("UNODC, IOM, UNHCR, OSCE i OEBS") == "UNODC, IOM, UNHCR, OSCE и ОЕБС"
    assert latin_to_cyrillic("načelo non-refoulement") == "начело non-refoulement"
    assert latin_to_cyrillic("prima facie i mutatis mutandis") == "prima facie и mutatis mutandis"


def test_a_trainer_adds_an_entry_in_the_admin_and_pages_follow(
    client, mfa_login, trainer, committed
):
    mfa_login(client, trainer)
    assert client.get(snippet_url("list")).status_code == 200
    global_before = versions.versions_read([versions.GLOBAL])[versions.GLOBAL]
    assert for_reader("presuda Kiyutin", "sr") == "пресуда Kiyutin"  # y: kept by the rule
    assert for_reader("presuda Tarakhel", "sr") == "пресуда Таракхел"  # "kh" is not listed
    with committed():
        response = client.post(
            snippet_url("add"),
            {"latin": "Tarakhel", "cyrillic": "Тарахел", "kind": "name", "note": ""},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert for_reader("presuda Tarakhel", "sr") == "пресуда Тарахел"
    # Every cached Cyrillic page was transliterated with the old glossary.
    assert versions.versions_read([versions.GLOBAL])[versions.GLOBAL] != global_before
    entry = GlossaryEntry.objects.get(latin="Tarakhel")
    with committed():
        assert client.post(snippet_url("delete", entry.pk)).status_code == 302
    assert for_reader("presuda Tarakhel", "sr") == "пресуда Таракхел"


def test_a_change_made_elsewhere_reaches_this_process_through_the_shared_cache():
    from serbian import glossary

    assert latin_to_cyrillic("Soering") == "Соеринг"
    GlossaryEntry.objects.bulk_create([GlossaryEntry(latin="Soering", cyrillic="")])  # no signal
    assert latin_to_cyrillic("Soering") == "Соеринг"  # this process's copy, still fresh
    cache.delete(glossary.CACHE_KEY)  # what another worker's change does
    glossary.recheck()  # a new request
    assert latin_to_cyrillic("Soering") == "Soering"


def test_a_learner_cannot_reach_the_glossary(client, learner):
    entry = GlossaryEntry.objects.get(latin="Rantsev")
    client.force_login(learner)
    for url in (snippet_url("list"), snippet_url("add"), snippet_url("edit", entry.pk)):
        assert client.get(url).status_code in REFUSED, url
    client.post(snippet_url("edit", entry.pk), {"latin": "Rantsev", "cyrillic": "Рантсев"})
    client.post(snippet_url("delete", entry.pk))
    entry.refresh_from_db()
    assert entry.cyrillic == "Ранцев"
    assert client.get(reverse("serbian_transliteration_report")).status_code in REFUSED


def test_the_glossary_refuses_latin_letters_in_the_cyrillic_form(client, mfa_login, trainer):
    mfa_login(client, trainer)
    response = client.post(
        snippet_url("add"), {"latin": "Soering", "cyrillic": "Soering", "kind": "name"}
    )
    assert response.status_code == 200
    assert not GlossaryEntry.objects.filter(latin="Soering").exists()


# --- The report ---------------------------------------------------------------------------


@pytest.fixture
def demo_cases(db):
    """The demo's case names as Serbian titles, in the Serbian locale."""
    titles = [
        "Rantsev protiv Kipra i Rusije",
        "Siliadin protiv Francuske",
        "Chowdury i drugi protiv Grčke",
        "L.E. protiv Grčke",
    ]
    return [
        CasePageFactory(
            title=title, holding="Država je povredila član 4.", summary="<p>Presuda.</p>"
        )
        for title in titles
    ]


def test_the_report_lists_names_the_rules_spelled_and_the_dictionary_does_not_know(demo_cases):
    GlossaryEntry.objects.filter(latin__in=["Rantsev", "Siliadin"]).delete()
    words = {w.word: w for w in report.words_to_review()}
    assert words["Rantsev"].cyrillic == "Рантсев"
    assert words["Siliadin"].places == ["Siliadin protiv Francuske"]
    # Kept in Latin by the rules (ch) or known to the dictionary: nothing to review.
    assert "Chowdury" not in words
    for known in ("protiv", "Kipra", "Francuske", "Država", "povredila", "član"):
        assert known not in words


def test_the_report_leaves_out_what_the_glossary_settles(demo_cases):
    words = {w.word for w in report.words_to_review()}
    assert "Rantsev" not in words and "Siliadin" not in words


def test_the_report_command_prints_the_words(demo_cases, capsys):
    GlossaryEntry.objects.filter(latin="Rantsev").delete()
    call_command("transliteration_report")
    out = capsys.readouterr().out
    assert "Rantsev\tРантсев\t" in out


def test_the_report_says_clearly_when_hunspell_is_missing(demo_cases, monkeypatch):
    monkeypatch.setattr(report.shutil, "which", lambda name: None)
    with translation.override("en"), pytest.raises(CommandError, match="hunspell is not installed"):
        call_command("transliteration_report")


def test_the_report_says_clearly_when_the_dictionary_is_missing(demo_cases):
    with pytest.raises(CommandError, match="hunspell-sr"):
        call_command("transliteration_report", dictionary="/nonexistent/sr_XX")


def test_a_trainer_reads_the_report_in_the_admin(client, mfa_login, trainer, demo_cases):
    GlossaryEntry.objects.filter(latin="Rantsev").delete()
    mfa_login(client, trainer)
    with translation.override("en"):
        html = client.get(reverse("serbian_transliteration_report")).content.decode()
    assert "Rantsev" in html and "Рантсев" in html
