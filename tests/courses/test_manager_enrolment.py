from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.factories import UserFactory
from courses.factories import course_with_lessons
from courses.models import Enrolment


def test_manager_enrols_a_whole_subtree(client, mfa_login, manager_bg, learner, other_learner):
    course = course_with_lessons(modules=1, lessons=1)
    mfa_login(client, manager_bg)
    response = client.post(
        "/en/manage/enrolments/",
        {"course": course.pk, "institution": manager_bg.institution.pk, "include_subtree": "on"},
    )
    assert response.status_code == 302
    enrolled = set(Enrolment.objects.values_list("user_id", flat=True))
    assert learner.pk in enrolled  # in a station below PU-BG
    assert other_learner.pk not in enrolled  # in Niš: outside the manager's subtree
    assert Enrolment.objects.get(user=learner).enrolled_by == manager_bg


def test_manager_cannot_enrol_someone_outside_the_subtree(
    client, mfa_login, manager_bg, learner, other_learner
):
    course = course_with_lessons(modules=1, lessons=1)
    mfa_login(client, manager_bg)
    response = client.post(
        "/en/manage/enrolments/",
        {"course": course.pk, "emails": f"{learner.email}\n{other_learner.email}"},
    )
    assert response.status_code == 200
    assert other_learner.email in response.content.decode()
    assert not Enrolment.objects.exists()  # all or nothing


def test_manager_cannot_pick_an_institution_of_another_subtree(
    client, mfa_login, manager_bg, tree, other_learner
):
    course = course_with_lessons(modules=1, lessons=1)
    mfa_login(client, manager_bg)
    response = client.post(
        "/en/manage/enrolments/", {"course": course.pk, "institution": tree["nis"].pk}
    )
    assert response.status_code == 200
    assert not Enrolment.objects.exists()


def test_enrolment_by_csv_file(client, mfa_login, manager_bg, learner, tree):
    colleague = UserFactory(institution=tree["belgrade"])
    course = course_with_lessons(modules=1, lessons=1)
    mfa_login(client, manager_bg)
    upload = SimpleUploadedFile(
        "people.csv",
        f"\ufeffname;email\nA;{learner.email}\nB;{colleague.email.upper()}\n".encode(),
        content_type="text/csv",
    )
    response = client.post("/en/manage/enrolments/", {"course": course.pk, "file": upload})
    assert response.status_code == 302
    assert Enrolment.objects.filter(source="csv").count() == 2


def test_malformed_csv_is_refused_and_nothing_enrolled(client, mfa_login, manager_bg, learner):
    course = course_with_lessons(modules=1, lessons=1)
    mfa_login(client, manager_bg)
    upload = SimpleUploadedFile("people.csv", b"email\n\xff\xfe\n", content_type="text/csv")
    response = client.post("/en/manage/enrolments/", {"course": course.pk, "file": upload})
    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_learners_trainers_and_analysts_cannot_enrol_others(
    client, mfa_login, learner, trainer, analyst
):
    for user in (learner, trainer, analyst):
        mfa_login(client, user)
        assert client.get("/en/manage/enrolments/").status_code == 403
        client.logout()
