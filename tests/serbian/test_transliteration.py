import pytest

from serbian.transliteration import cyrillic_to_latin, latin_to_cyrillic, to_latin


@pytest.mark.parametrize(
    "cyrillic,latin",
    [
        ("ЉУБОВ", "LJUBOV"),
        ("Љубов", "Ljubov"),
        ("Њива", "Njiva"),
        ("ЏЕП", "DŽEP"),
        ("Џеп", "Džep"),
        ("Ђорђе Јовановић", "Đorđe Jovanović"),
        ("Ћуприја, чаша, шума, жито", "Ćuprija, čaša, šuma, žito"),
    ],
)
def test_cyrillic_to_latin_is_letter_for_letter_with_case_kept(cyrillic, latin):
    assert cyrillic_to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    "latin,cyrillic",
    [
        ("ljudi", "људи"),
        ("LJUDI", "ЉУДИ"),
        ("Njegoš", "Његош"),
        ("džep", "џеп"),
        ("nadživeti", "надживети"),
        ("podžanr", "поджанр"),
        ("injekcija", "инјекција"),
        ("konjunkcija", "конјункција"),
        ("nadžnjeti", "наджњети"),
    ],
)
def test_latin_to_cyrillic_handles_digraphs_and_their_exceptions(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    "protected",
    [
        '<a href="https://example.org/ljudi">',
        "https://www.unodc.org/sherloc",
        "kontakt@centarzztlj.rs",
        "ECLI:CE:ECHR:2010:0107JUD002596504",
        "25965/04",
        "K 123/19",
        "XXI",
        "UNODC",
        "GRETA",
        "%(count)s",
        "{name}",
        "<code>print(ljudi)</code>",
        '<span lang="en">Jane Doe</span>',
    ],
)
def test_what_is_not_serbian_text_is_never_transliterated(protected):
    assert protected in latin_to_cyrillic(f"Tekst {protected} tekst")


def test_author_marker_keeps_words_and_drops_brackets():
    assert latin_to_cyrillic("presuda [[Rantsev]] je važna") == "пресуда Rantsev је важна"


def test_round_trip_of_a_paragraph():
    text = (
        "Trgovina ljudima je krivično delo iz člana 388 Krivičnog zakonika. "
        "Žrtva nije odgovorna za dela koja je bila prinuđena da učini."
    )
    assert to_latin(latin_to_cyrillic(text)) == text


def test_mixed_script_text_becomes_one_script():
    assert latin_to_cyrillic("Centar за заštitu") == "Центар за заштиту"
    assert to_latin("Centar за заštitu") == "Centar za zaštitu"


@pytest.mark.parametrize(
    "protected",
    [
        "&#x27;",  # Django escapes ' as a hex entity
        "&#39;",
        "&nbsp;",
        "%(user.email)s",
        '<span class="notranslit">Amicus curiae</span>',
    ],
)
def test_entities_placeholders_and_marked_spans_are_kept(protected):
    assert protected in latin_to_cyrillic(f"Tekst {protected} tekst")


def test_a_paragraph_of_html_both_ways():
    cyrillic = (
        '<p>Према члану 388 <a href="https://www.paragraf.rs/zakon">Кривичног законика</a>, '
        "пристанак жртве није од значаја (<abbr>GRETA</abbr>, XIV извештај).</p>"
    )
    latin = (
        '<p>Prema članu 388 <a href="https://www.paragraf.rs/zakon">Krivičnog zakonika</a>, '
        "pristanak žrtve nije od značaja (<abbr>GRETA</abbr>, XIV izveštaj).</p>"
    )
    assert to_latin(cyrillic) == latin
    assert latin_to_cyrillic(latin) == cyrillic


def test_file_extensions_language_codes_and_the_hidden_figure_mark_stay_latin():
    assert latin_to_cyrillic("GIFT (.txt, .gift); prazno znači sr-latn; „x“: skriveno.") == (
        "GIFT (.txt, .gift); празно значи sr-latn; „x“: скривено."
    )
    assert latin_to_cyrillic("Kraj. Početak, UTF-8, Excel, WebM") == (
        "Крај. Почетак, UTF-8, Excel, WebM"
    )
