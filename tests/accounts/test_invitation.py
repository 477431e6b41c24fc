from django.core import mail

from accounts.factories import UserFactory
from accounts.services import invitation_send


def test_invitation_names_the_sign_in_address_in_the_persons_language(db):
    person = UserFactory(
        email="milica@example.org",
        first_name="Милица",
        last_name="Петровић",
        preferred_language="sr",
    )
    invitation_send(user=person, base_url="https://elearning.example")
    (message,) = mail.outbox
    assert message.to == ["milica@example.org"]
    assert "milica@example.org" in message.body
    assert "Милица Петровић" in message.body
    assert "Поштовани" in message.body  # Cyrillic, as the person asked
    assert "https://elearning.example/" in message.body


def test_invitation_in_english_for_those_who_chose_it(db):
    person = UserFactory(email="ana@example.org", preferred_language="en")
    invitation_send(user=person, base_url="https://elearning.example")
    assert "Your sign-in is your email address: ana@example.org." in mail.outbox[0].body
