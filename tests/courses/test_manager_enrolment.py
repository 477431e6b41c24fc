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


# --- Restricted courses: a manager enrols only people the course is meant for ----------------
# A restricted course is its authors' decision about who may take it; a manager's enrolment
# does not override it, because the people enrolled could not open the course anyway.


def _restricted_to(institution, **fields):
    course = course_with_lessons(modules=1, lessons=1, access="restricted", **fields)
    if institution is not None:
        course.restricted_institutions.add(institution)
    course.save_revision().publish()
    return course


def test_manager_cannot_enrol_people_a_restricted_course_is_not_meant_for(
    client, mfa_login, manager_bg, learner, tree, english
):
    course = _restricted_to(tree["nis"])  # Niš only; the learner works in Belgrade
    mfa_login(client, manager_bg)
    response = client.post("/en/manage/enrolments/", {"course": course.pk, "emails": learner.email})
    assert response.status_code == 200
    page = response.content.decode()
    assert "is restricted to particular institutions or professions" in page
    assert learner.email in page
    assert not Enrolment.objects.exists()


def test_a_whole_subtree_is_refused_if_anyone_in_it_could_not_open_the_course(
    client, mfa_login, manager_bg, learner, tree
):
    colleague = UserFactory(institution=tree["belgrade"], profession="judge")
    course = _restricted_to(None, restricted_professions=["judge"])
    learner.profession = "police_officer"
    learner.save()
    mfa_login(client, manager_bg)
    response = client.post(
        "/en/manage/enrolments/",
        {"course": course.pk, "institution": tree["belgrade"].pk, "include_subtree": "on"},
    )
    assert response.status_code == 200
    assert learner.email in response.content.decode()
    assert colleague.email not in response.content.decode()
    assert not Enrolment.objects.exists()


def test_manager_enrols_people_a_restricted_course_is_meant_for(
    client, mfa_login, manager_bg, learner, tree
):
    course = _restricted_to(tree["belgrade"])
    mfa_login(client, manager_bg)
    response = client.post("/en/manage/enrolments/", {"course": course.pk, "emails": learner.email})
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=learner, course=course).exists()
    # …and the learner can open what they were enrolled in.
    client.force_login(learner)
    assert client.get(course.url).status_code == 200


def test_the_service_refuses_too_whoever_calls_it(manager_bg, learner, tree):
    import pytest
    from django.core.exceptions import ValidationError

    from courses.services import enrolments_create_for_people

    course = _restricted_to(tree["nis"])
    with pytest.raises(ValidationError):
        enrolments_create_for_people(users=[learner], course=course, enrolled_by=manager_bg)
    assert not Enrolment.objects.exists()
