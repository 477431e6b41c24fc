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
