import re

from playwright.sync_api import expect

from accounts.models import User

PASSWORD = "a long and unusual passphrase"


def _switch_language(page, language: str) -> None:
    page.locator(f"form.language-switcher button[value='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_sign_up_confirm_email_log_in_and_switch_script(
    page, live_server, tree, mailoutbox, log_in
):
    page.goto("/en/accounts/signup/")
    page.get_by_label("Given name").fill("Ђорђе")
    page.get_by_label("Family name").fill("Јовановић")
    page.get_by_label("Email").fill("djordje@example.org")
    page.get_by_label("Institution").select_option(str(tree["station_bg"].pk))
    page.get_by_label("Profession").select_option("police_officer")
    page.get_by_label("Preferred language").select_option("en")
    # Django adds a colon to labels ("Password:"), so match the names whole.
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill(PASSWORD)
    page.locator("main form").filter(has=page.locator("input[name=password2]")).locator(
        "button[type=submit]"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/accounts/confirm-email/$"))

    # The confirmation link from the email, opened on this live server.
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", mailoutbox[0].body)
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    log_in(page, email="djordje@example.org", password=PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator("form.language-switcher button[aria-current=true]")).to_have_attribute(
        "value", "en"
    )

    _switch_language(page, "sr")
    expect(page).to_have_url(f"{live_server.url}/sr/")
    expect(page.locator("form.language-switcher button[aria-current=true]")).to_have_attribute(
        "value", "sr"
    )
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "sr")
    # The bare root follows the `language` cookie, and the profile remembers it.
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/sr/")
    assert User.objects.get(email="djordje@example.org").preferred_language == "sr"

    _switch_language(page, "sr-latn")
    expect(page).to_have_url(f"{live_server.url}/sr-latn/")
    assert User.objects.get(email="djordje@example.org").preferred_language == "sr-latn"
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    assert cookies["language"] == "sr-latn"


def test_skip_link_is_first_on_the_keyboard_and_moves_focus_to_main(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_text("Skip to main content")
    expect(skip_link).to_have_attribute("href", "#main")
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/#main$"))
    expect(page.locator("main#main")).to_be_focused()
