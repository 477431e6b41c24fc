"""The home page as a reader receives it."""

import re

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Site

from home.blocks import AudienceEntryBlock


def _home():
    return Site.objects.get(is_default_site=True).root_page.specific


def _cards(html: str) -> list[str]:
    section = re.search(r'<ul class="cards">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r"<li>(.*?)</li>", section, re.S)


@pytest.mark.django_db
def test_each_audience_card_is_one_link_named_by_its_title(client):
    home = _home()
    catalogue_target = home  # any live page will do as the card's destination
    home.audiences = [
        ("audience", {"title": "Judges", "text": "Case law first.", "link_page": catalogue_target}),
        (
            "audience",
            {"title": "Police", "text": "Indicators first.", "link_url": "/sr-latn/search/"},
        ),
    ]
    home.save_revision().publish()

    cards = _cards(client.get("/sr-latn/").content.decode())
    assert len(cards) == 2
    for card, (title, href) in zip(
        cards, [("Judges", "/sr-latn/"), ("Police", "/sr-latn/search/")], strict=True
    ):
        # One link per card; its text (the accessible name) is the title only; the card
        # is marked to be clickable all over (the link's ::after covers it, site.css).
        links = re.findall(r'<a class="card-link" href="([^"]+)">([^<]*)</a>', card)
        assert links == [(href, title)]
        assert card.count("<a ") == 1
        assert 'class="card card-linked"' in card


def test_a_card_that_leads_nowhere_is_refused():
    block = AudienceEntryBlock()
    value = block.to_python({"title": "Judges", "text": "Case law first."})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_card_stylesheet_stretches_the_title_link_over_the_card():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert re.search(r"\.card-linked\s*\{[^}]*position:\s*relative", css)
    assert re.search(r"\.card-link::after\s*\{[^}]*position:\s*absolute[^}]*inset:\s*0", css)
