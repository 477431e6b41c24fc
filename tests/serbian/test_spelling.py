"""Serbian spelling (serbian.spelling, `manage.py spellcheck`): the repository passes, and a
wrong word anywhere fails, with where it is."""

import pytest
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.utils import translation

from serbian import spelling
from serbian.pages import folded
from serbian.spelling import Text, misspellings, words_of


def _wrong(*texts: str, **kwargs) -> dict[str, spelling.Misspelling]:
    found = misspellings([Text(f"test:{i}", t) for i, t in enumerate(texts)], **kwargs)
    return {m.word: m for m in found}


def test_every_serbian_string_in_the_repository_is_spelled_right():
    found = misspellings(spelling.project_texts())
    assert not found, "\n".join(str(m) for m in found)


def test_a_real_word_that_is_wrong_here_fails_in_either_script():
    # "пројавите" is a dictionary word (to show oneself): only rejected.txt catches it.
    wrong = _wrong("Онда Вас молимо да се пројавите.", "Onda se projavite.")
    assert wrong["пројавите"].right.startswith("prijav")
    assert wrong["projavite"].right.startswith("prijav")
    assert wrong["пројавите"].places == ("test:0",)


def test_a_word_hunspell_does_not_know_fails_with_its_places():
    wrong = _wrong("Molimo da se prijavitte.", "Ne, prijavitte se kasnije.", "Пријавиттте")
    assert wrong["prijavitte"].places == ("test:0", "test:1")
    assert "Пријавиттте" in wrong
    assert "Molimo" not in wrong


def test_a_word_mixing_latin_and_cyrillic_letters_fails():
    # allauth's Cyrillic catalogue had "Aутентикатор" with a Latin A; it reads the same.
    wrong = _wrong("Aутентикатор")
    assert wrong["Aутентикатор"].right == spelling.MIXED_SCRIPTS


def test_an_accepted_word_passes_in_both_scripts_and_only_as_listed():
    assert not _wrong("Presuda Siliadin protiv Francuske", "Пресуда Силиадин")
    # A name is listed with its capital: in lower case it is not accepted.
    assert "siliadin" in _wrong("siliadin")
    # A word listed in lower case is accepted capitalised as well.
    assert not _wrong("Distraktor i distraktor")
    # Without the list, hunspell alone does not know it.
    assert "Siliadin" in _wrong("Siliadin", accepted=frozenset())


def test_what_is_not_prose_is_not_read():
    text = (
        "%(name)s <a href='https://example.org/vrbovanjee'>Zdravo</a> {count} "
        "pisite@primer.rs ECLI:CE:ECHR:2005:0726JUD007331601 .xlsx sr-latn IPv6 "
        '[[Ostavljeno]] <span lang="en">countries</span> broj(evi)'
    )
    assert words_of(text) == ["Zdravo", "broj", "brojevi"]


def test_a_transliteration_slip_in_the_cyrillic_catalogue_is_caught():
    # English codes transliterated letter for letter are not Serbian words.
    assert "цоуртс" in _wrong("листе (цоуртс, ацтс)")


def test_the_demo_content_is_read_in_serbian_only():
    texts = {t.text for t in spelling.demo_texts()}
    assert "E-učenje: borba protiv trgovine ljudima" in texts  # home page title
    assert "Provera znanja: sistem i akteri" in texts  # a quiz title, (sr, en) pair
    assert "Posebna policijska jedinica" in texts  # a quiz option, (sr, en, fraction)
    assert "Koordinatorka programa obuke" in texts  # a signatory's title
    assert "Zloupotreba ovlašćenja" in texts  # a case-law vocabulary value
    assert "Quiz: the system and its actors" not in texts
    assert "A special police unit" not in texts
    assert "paragraph" not in texts  # a StreamField block's type
    assert not any(t.startswith("https://") for t in texts)


def test_a_wrong_word_in_the_demo_content_is_reported_at_its_line():
    text = next(t for t in spelling.demo_texts() if t.text == "Posebna policijska jedinica")
    typo = Text(text.where, "Posebna policijska jedinica", text.files)
    (place,) = misspellings([typo], accepted=frozenset(), rejected=[("posebna", "x")])[0].places
    assert place.startswith("quizzes/demo_content/nrm-coordination.yaml:")


def test_the_command_fails_on_a_wrong_word(monkeypatch):
    from serbian.management.commands import spellcheck

    monkeypatch.setattr(spellcheck, "project_texts", lambda: [Text("a.po:1", "Onda se projavite")])
    with pytest.raises(CommandError, match="1 word"):
        call_command("spellcheck")


@pytest.mark.parametrize(
    "language,expected",
    [("sr-latn", "Onda se %(link)sprijavite"), ("sr", "Онда се %(link)sпријавите")],
)
def test_our_catalogue_corrects_allauths_sign_in_link(language, expected):
    with translation.override(language):
        text = translation.gettext(
            "Already have an account? Then please %(link)ssign in%(end_link)s."
        )
    assert text.startswith(
        f"Већ имате налог? {expected}" if language == "sr" else f"Već imate nalog? {expected}"
    )


def test_english_codes_in_a_cyrillic_help_text_stay_latin():
    template = Template(
        "{% load i18n %}{% blocktranslate %}The CSV has the columns of the library's CSV export; "
        "lists (countries, acts, means, forms, sectors, legal_issues, audience_professions) are "
        "codes separated by “;”. Dates are YYYY-MM-DD. The JSON is a list of cases shaped like a "
        'case\'s JSON export, and may add "provisions", "victims" and "defendants".'
        "{% endblocktranslate %}"
    )
    with translation.override("sr"):
        html = template.render(Context())
    assert '<span lang="en">countries, acts, means' in html
    assert "гггг-мм-дд" in html


def test_the_accepted_list_is_sorted_and_holds_only_words_hunspell_does_not_know():
    groups, current = [], []
    for line in spelling.ACCEPTED_FILE.read_text().splitlines():
        if line.startswith("# ---"):
            groups.append(current)
            current = []
        word = line.split("#", 1)[0].strip()
        if word:
            current.append(word)
    groups.append(current)
    for group in groups:
        assert group == sorted(group, key=folded), group
    words = [w for group in groups for w in group]
    assert len(words) == len(set(words))
    assert spelling.hunspell_unknown(words) == set(words), "listed but already known"
