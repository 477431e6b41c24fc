from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class GlossaryEntry(models.Model):
    """A term the transliterator leaves in Latin, or writes in an established Cyrillic
    form, in Cyrillic pages: case names, courts, organisations, Latin phrases. Trainers
    keep the list in the admin (a Wagtail snippet)."""

    class Kind(models.TextChoices):
        NAME = "name", _("Name of a person or a case")
        ORGANISATION = "organisation", _("Organisation or court")
        PHRASE = "phrase", _("Latin or foreign phrase")
        OTHER = "other", _("Other")

    latin = models.CharField(
        _("as written in Latin"),
        max_length=200,
        unique=True,
        help_text=_(
            "The word or phrase exactly as authors write it, capitals included: "
            "“Rantsev”, “ECtHR”, “[GC]”, “non-refoulement”."
        ),
    )
    cyrillic = models.CharField(
        _("in Cyrillic"),
        max_length=200,
        blank=True,
        help_text=_(
            "The established Cyrillic form (“Ранцев”). Leave empty to keep the term in "
            "Latin on Cyrillic pages."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("glossary entry")
        verbose_name_plural = _("transliteration glossary")
        ordering = ["latin"]

    def __str__(self) -> str:
        return f"{self.latin} → {self.cyrillic}" if self.cyrillic else self.latin

    def clean(self):
        self.latin = (self.latin or "").strip()
        self.cyrillic = (self.cyrillic or "").strip()
        if not self.latin:
            raise ValidationError({"latin": _("Write the term as it appears in Latin.")})
        if any("\u0400" <= ch <= "\u04ff" for ch in self.latin):
            raise ValidationError({"latin": _("The Latin form has Cyrillic letters.")})
        if any("a" <= ch.lower() <= "z" for ch in self.cyrillic):
            raise ValidationError(
                {
                    "cyrillic": _(
                        "The Cyrillic form has Latin letters; leave it empty to keep the term "
                        "in Latin."
                    )
                }
            )
