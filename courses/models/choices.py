"""The choices of courses' models, defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeObjective(models.TextChoices):
    COORDINATION = "coordination", _("Coordination within the National Referral Mechanism")
    PREVENTION = "prevention", _("Prevention among vulnerable groups")
    CRIMINAL_JUSTICE = "criminal_justice", _("Stronger criminal-justice responses")
    PROTECTION = (
        "protection",
        _("Protection and (re)integration of victims, including in asylum channels"),
    )


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Access(models.TextChoices):
    OPEN = "open", _("Open to everyone")
    RESTRICTED = "restricted", _("Restricted to chosen institutions or professions")


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("The learner")
    MANAGER = "manager", _("An institution manager")
    CSV = "csv", _("A CSV upload")
    PLAN = "plan", _("A training plan")
