"""Notifications: people choose in their profile which emails they receive; messages on My
learning, marked read by their owner only (POST); both are in the personal-data export and
go with an erasure."""

import pytest
from django.urls import reverse

from accounts.personal_data import personal_data_export
from accounts.services import personal_data_erase
from notifications.api import email_allowed, email_kinds, users_refusing_email
from notifications.models import Notification, NotificationPreference
from notifications.services import email_choices_save, notification_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

KIND = "plan_reminder"  # registered by plans (plans.receivers)
LEARNING = "/en/learning/"
PROFILE = "/en/account/profile/"


def _profile_post(user, **extra):
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "form_of_address": user.form_of_address,
        "profession": user.profession,
        "preferred_language": "en",
        "sex": "",
        "service_entry_year": "",
        **extra,
    }


def test_email_is_allowed_unless_turned_off_and_always_when_mandatory(learner, other_learner):
    assert email_allowed(learner, KIND)
    email_choices_save(user=learner, choices={KIND: False})
    assert not email_allowed(learner, KIND)
    assert email_allowed(learner, KIND, mandatory=True)
    assert email_allowed(other_learner, KIND)
    assert users_refusing_email(kind=KIND, user_ids=[learner.pk, other_learner.pk]) == {learner.pk}


def test_the_profile_offers_the_registered_kinds_and_saves_the_choice(client, learner):
    assert KIND in email_kinds()
    client.force_login(learner)
    html = client.get(PROFILE).content.decode()
    assert "Emails I receive" in html
    assert 'name="notifications-plan_reminder"' in html
    # Unticking a kind turns it off; the other kinds stay on.
    response = client.post(PROFILE, _profile_post(learner, **{"notifications-shown": "True"}))
    assert response.status_code == 302
    assert not email_allowed(learner, KIND)
    response = client.post(
        PROFILE,
        _profile_post(
            learner, **{"notifications-shown": "True", "notifications-plan_reminder": "on"}
        ),
    )
    assert email_allowed(learner, KIND)


def test_a_profile_post_without_the_email_part_changes_no_choice(client, learner):
    client.force_login(learner)
    response = client.post(PROFILE, _profile_post(learner))
    assert response.status_code == 302
    assert not NotificationPreference.objects.exists()
    assert email_allowed(learner, KIND)


def test_an_invalid_profile_saves_no_choice(client, learner):
    client.force_login(learner)
    response = client.post(
        PROFILE, _profile_post(learner, first_name="", **{"notifications-shown": "True"})
    )
    assert response.status_code == 200
    assert not NotificationPreference.objects.exists()


def test_my_learning_shows_unread_messages_and_marking_read_hides_them(client, learner):
    client.force_login(learner)
    client.get(LEARNING)  # cached before the message exists
    notification = notification_create(
        user=learner, kind=KIND, text="Required of you: “Identification”", link=LEARNING
    )
    html = client.get(LEARNING).content.decode()
    assert "Required of you: “Identification”" in html
    assert reverse("notifications:mark_read", args=[notification.pk]) in html
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "Identification" not in client.get(LEARNING).content.decode()


def test_another_learners_message_cannot_be_marked_read(client, learner, other_learner):
    notification = notification_create(user=learner, kind=KIND, text="Yours")
    client.force_login(other_learner)
    url = reverse("notifications:mark_read", args=[notification.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None
    # "Mark all" reaches only one's own.
    client.post(reverse("notifications:mark_all_read"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(client, learner):
    for text in ("One", "Two"):
        notification_create(user=learner, kind=KIND, text=text)
    client.force_login(learner)
    assert client.post(reverse("notifications:mark_all_read")).status_code == 302
    assert not Notification.objects.filter(user=learner, read_at__isnull=True).exists()


def test_my_learning_shows_the_newest_twenty_and_how_many_more(client, learner):
    for number in range(23):
        notification_create(user=learner, kind=KIND, text=f"Message number {number:02d}")
    client.force_login(learner)
    html = client.get(LEARNING).content.decode()
    assert "Message number 22" in html
    assert "Message number 02" not in html
    assert "…and 3 more." in html


def test_export_and_erasure(learner, other_learner):
    email_choices_save(user=learner, choices={KIND: False})
    notification_create(user=learner, kind=KIND, text="Yours", link=LEARNING)
    notification_create(user=other_learner, kind=KIND, text="Not yours")
    data = personal_data_export(user=learner)["notifications"]
    assert data["email_choices"][0]["kind"] == KIND
    assert data["email_choices"][0]["by_email"] is False
    assert [m["text"] for m in data["messages"]] == ["Yours"]
    personal_data_erase(user=learner)
    assert not Notification.objects.filter(user=learner).exists()
    assert not NotificationPreference.objects.filter(user=learner).exists()
    assert Notification.objects.filter(user=other_learner).exists()
