"""Imports into the bank, each kept with its report.

An upload is parsed at once and kept as a pending import (the file itself in `data`, so
that nothing rides in the session between the preview and the confirmation); the trainer
reads the report (each question imported, imported with a warning, or skipped with its
reason and line) and confirms; every importable question is then created in one
transaction, the file is let go and the report stays for later reading."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bank import QuestionCategory
from .choices import Language


class ImportFormat(models.TextChoices):
    MOODLE_XML = "moodle_xml", _("Moodle XML")
    GIFT = "gift", _("GIFT")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    IMPORTED = "imported", _("Imported")


class QuestionImport(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=255)
    format = models.CharField(_("format"), max_length=20, choices=ImportFormat.choices)
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("into category"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="imports",
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    data = models.BinaryField(_("uploaded file"), blank=True, default=b"")
    imported_count = models.PositiveIntegerField(_("imported"), default=0)
    warning_count = models.PositiveIntegerField(_("imported with a warning"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    report = models.JSONField(_("report"), default=dict)
    question_ids = models.JSONField(_("questions created"), default=list)

    class Meta:
        verbose_name = _("question import")
        verbose_name_plural = _("question imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def importable_count(self) -> int:
        return self.imported_count + self.warning_count

    @property
    def is_pending(self) -> bool:
        return self.status == ImportStatus.PENDING
