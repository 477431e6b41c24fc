"""The Django groups behind each staff role, kept in shape after every migrate."""

from django.contrib.auth.models import Group, Permission

from .models import Role

ROLE_GROUPS = {
    Role.TRAINER: "Trainers",
    Role.SENIOR_TRAINER: "Senior trainers",
    Role.INSTITUTION_MANAGER: "Institution managers",
    Role.MINISTRY_ANALYST: "Ministry analysts",
    Role.ADMINISTRATOR: "Administrators",
}

_AUTHORING = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    # The question bank (quizzes): trainers write and import questions.
    ("quizzes", "add_question"),
    ("quizzes", "change_question"),
    ("quizzes", "delete_question"),
    ("quizzes", "add_questioncategory"),
    ("quizzes", "change_questioncategory"),
    # Each only within the courses they author (see quizzes.bank).
    ("quizzes", "delete_questioncategory"),
    # The transliteration glossary (serbian): names and terms in Cyrillic pages.
    ("serbian", "add_glossaryentry"),
    ("serbian", "change_glossaryentry"),
    ("serbian", "delete_glossaryentry"),
]

# Permissions per group. Page permissions (which courses a trainer may edit) are
# given per page, by administrators, in Wagtail's group settings.
# Senior trainers organise trainings and publish courses: they also write the surveys
# participants answer after them and name the pre- and post-tests.
_SURVEYS = [
    ("evaluation", "add_survey"),
    ("evaluation", "change_survey"),
    ("evaluation", "delete_survey"),
    ("evaluation", "add_knowledgetest"),
    ("evaluation", "change_knowledgetest"),
    ("evaluation", "delete_knowledgetest"),
]

ROLE_PERMISSIONS = {
    "Trainers": _AUTHORING,
    "Senior trainers": _AUTHORING + _SURVEYS,
    "Institution managers": [("wagtailadmin", "access_admin")],
    "Ministry analysts": [("wagtailadmin", "access_admin")],
    "Administrators": [("wagtailadmin", "access_admin")],
}


def ensure_role_groups(**kwargs) -> None:
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            p
            for app_label, codename in perms
            if (
                p := Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
            )
        ]
        group.permissions.add(*wanted)
