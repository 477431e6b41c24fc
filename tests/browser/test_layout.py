import pytest

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize(
    "path", ["/sr-latn/", "/sr/", "/en/accounts/signup/", "/en/accounts/login/"]
)
def test_page_fits_a_phone_screen_without_sideways_scrolling(page, path):
    page.set_viewport_size(PHONE)
    assert page.goto(path).ok
    scroll_width, client_width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width


def test_a_click_anywhere_on_an_audience_card_follows_its_link(page):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    home.audiences = [
        (
            "audience",
            {"title": "Sudije", "text": "Sudska praksa najpre.", "link_url": "/sr-latn/search/"},
        )
    ]
    home.save_revision().publish()
    assert page.goto("/sr-latn/").ok
    link = page.get_by_role("link", name="Sudije", exact=True)
    assert link.get_attribute("href") == "/sr-latn/search/"
    # A click on the card's text, not on its title, lands on the link that covers the card.
    box = page.get_by_text("Sudska praksa najpre.").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/sr-latn/search/**")
