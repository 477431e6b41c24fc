"""The institution tree: ministries, courts, prosecutors' offices, police, and the rest."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from serbian.api import for_reader


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    COURT_SUPREME = "court_supreme", _("Supreme Court")
    COURT_APPELLATE = "court_appellate", _("Court of Appeal")
    COURT_HIGHER = "court_higher", _("Higher Court")
    COURT_BASIC = "court_basic", _("Basic Court")
    COURT_MISDEMEANOUR = "court_misdemeanour", _("Misdemeanour Court")
    PROSECUTION_REPUBLIC = "prosecution_republic", _("Republic Public Prosecutor's Office")
    PROSECUTION_APPELLATE = "prosecution_appellate", _("Appellate Public Prosecutor's Office")
    PROSECUTION_HIGHER = "prosecution_higher", _("Higher Public Prosecutor's Office")
    PROSECUTION_BASIC = "prosecution_basic", _("Basic Public Prosecutor's Office")
    PROSECUTION_ORGANISED_CRIME = (
        "prosecution_organised_crime",
        _("Public Prosecutor's Office for Organised Crime"),
    )
    POLICE_DIRECTORATE = "police_directorate", _("Police Directorate")
    POLICE_REGIONAL = "police_regional", _("Regional Police Administration")
    POLICE_STATION = "police_station", _("Police Station")
    SOCIAL_WORK_CENTRE = "social_work_centre", _("Centre for Social Work")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour Inspectorate")
    ASYLUM_OFFICE = "asylum_office", _("Asylum Office")
    NGO = "ngo", _("Non-governmental organisation")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other public body")


class Region(models.TextChoices):
    """Serbia's administrative districts and the City of Belgrade."""

    BELGRADE = "belgrade", _("City of Belgrade")
    NORTH_BACKA = "north_backa", _("North Bačka District")
    CENTRAL_BANAT = "central_banat", _("Central Banat District")
    NORTH_BANAT = "north_banat", _("North Banat District")
    SOUTH_BANAT = "south_banat", _("South Banat District")
    WEST_BACKA = "west_backa", _("West Bačka District")
    SOUTH_BACKA = "south_backa", _("South Bačka District")
    SREM = "srem", _("Srem District")
    MACVA = "macva", _("Mačva District")
    KOLUBARA = "kolubara", _("Kolubara District")
    PODUNAVLJE = "podunavlje", _("Podunavlje District")
    BRANICEVO = "branicevo", _("Braničevo District")
    SUMADIJA = "sumadija", _("Šumadija District")
    POMORAVLJE = "pomoravlje", _("Pomoravlje District")
    BOR = "bor", _("Bor District")
    ZAJECAR = "zajecar", _("Zaječar District")
    ZLATIBOR = "zlatibor", _("Zlatibor District")
    MORAVICA = "moravica", _("Moravica District")
    RASKA = "raska", _("Raška District")
    RASINA = "rasina", _("Rasina District")
    NISAVA = "nisava", _("Nišava District")
    TOPLICA = "toplica", _("Toplica District")
    PIROT = "pirot", _("Pirot District")
    JABLANICA = "jablanica", _("Jablanica District")
    PCINJA = "pcinja", _("Pčinja District")
    NATIONAL = "national", _("National (whole country)")


code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9._-]{0,39}$",
    _("Use 1–40 capital Latin letters, digits, dots, dashes or underscores."),
)


class Institution(MP_Node):
    """A node of the institution tree. `code` is stable: the API and CSV files use it."""

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    name_sr = models.CharField(_("name (Serbian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=40, choices=InstitutionKind.choices)
    region = models.CharField(
        _("region"), max_length=30, choices=Region.choices, default=Region.NATIONAL
    )
    is_active = models.BooleanField(_("active"), default=True)

    node_order_by = ["name_sr"]

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def name(self) -> str:
        """The name in the reader's language: English for `en`, Serbian otherwise, in the
        reader's script (Cyrillic under `sr`, Latin under `sr-latn`): an institution's
        name is Serbian content, in every picker and list as anywhere else."""
        if (get_language() or "").startswith("en"):
            return self.name_en
        return for_reader(self.name_sr)

    def subtree(self):
        """This institution and everything below it, as a queryset."""
        return Institution.get_tree(self)


class ImportKind(models.TextChoices):
    INSTITUTIONS = "institutions", _("Institutions")
    USERS = "users", _("Users")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def import_file_path(instance: "ImportJob", filename: str) -> str:
    """A private, unguessable name: the person's file name is kept only as `file_name`."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"private/imports/{uuid.uuid4().hex}{suffix}"


def private_storage():
    """Storage no URL serves (see STORAGES["private"])."""
    return storages["private"]


class ImportJob(models.Model):
    """One uploaded CSV or XLSX file of institutions or users, and what became of it.

    The file lives in the private storage only while the job waits or runs.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    file = models.FileField(
        _("file"),
        upload_to=import_file_path,
        storage=private_storage,
        max_length=255,
        blank=True,
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("records created"), default=0)
    error_summary = models.TextField(_("error summary"), blank=True)
    row_errors = models.JSONField(_("row errors"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="import_jobs",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.file_name} · {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED}
