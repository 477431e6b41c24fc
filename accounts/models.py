"""People: the user account, their institution over time, and their roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from institutions.api import Institution
from serbian.api import name_folded


class Profession(models.TextChoices):
    JUDGE = "judge", _("Judge")
    PROSECUTOR = "prosecutor", _("Public prosecutor")
    POLICE_OFFICER = "police_officer", _("Police officer")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    LABOUR_INSPECTOR = "labour_inspector", _("Labour inspector")
    ASYLUM_OFFICER = "asylum_officer", _("Asylum officer")
    JUDICIAL_ASSISTANT = "judicial_assistant", _("Judicial or prosecutorial assistant")
    OTHER = "other", _("Other")


class Sex(models.TextChoices):
    """Self-declared, optional and changeable: programme reports count people trained by
    sex. Not given is counted as "not declared"."""

    NOT_DECLARED = "", _("Not declared")
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    ANOTHER = "another", _("Another")
    PREFER_NOT_TO_SAY = "prefer_not", _("Prefer not to say")


class FormOfAddress(models.TextChoices):
    """How Serbian texts that speak of the person agree with them ("završio", "završila"),
    as the person chose in their profile. Not given means a wording without gender."""

    NEUTRAL = "", _("A wording without gender")
    MASCULINE = "masculine", _("Masculine (“završio”)")
    FEMININE = "feminine", _("Feminine (“završila”)")


class Role(models.TextChoices):
    """Staff roles. Everyone is a learner; these are granted on top."""

    TRAINER = "trainer", _("Trainer")
    SENIOR_TRAINER = "senior_trainer", _("Senior trainer")
    INSTITUTION_MANAGER = "institution_manager", _("Institution manager")
    MINISTRY_ANALYST = "ministry_analyst", _("Ministry analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose reach is a subtree of institutions.
# A tuple, not a set: the check constraint below must list them in a stable order.
SCOPED_ROLES = (Role.INSTITUTION_MANAGER, Role.MINISTRY_ANALYST)


class EmailUserManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who uses the platform. Email is the login.

    Names are stored exactly as the person wrote them, in whichever script:
    certificates print them unchanged.
    """

    username = None
    # Django and Wagtail know these as first_name / last_name; we call them what
    # they are across cultures.
    first_name = models.CharField(_("given name"), max_length=150)
    last_name = models.CharField(_("family name"), max_length=150)
    email = models.EmailField(_("email address"), unique=True)
    profession = models.CharField(
        _("profession"), max_length=30, choices=Profession.choices, default=Profession.OTHER
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    form_of_address = models.CharField(
        _("form of address"),
        max_length=10,
        choices=FormOfAddress.choices,
        blank=True,
        default=FormOfAddress.NEUTRAL,
        help_text=_(
            "Optional. How texts in Serbian, such as your certificates, speak of you: "
            "“završio”, “završila”, or a wording without gender."
        ),
    )
    sex = models.CharField(
        _("sex"),
        max_length=10,
        choices=Sex.choices,
        blank=True,
        default=Sex.NOT_DECLARED,
        help_text=_(
            "Optional. Used only for anonymous figures that programme reports require "
            "(people trained by sex); never shown to other people."
        ),
    )
    service_entry_year = models.PositiveSmallIntegerField(
        _("year you entered the service"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("Optional. For figures by length of service."),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        help_text=_("The current institution; the history is kept in memberships."),
    )
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)
    # The name in Latin, lower case, without diacritics: what people search (serbian.names).
    name_folded = models.CharField(max_length=310, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(fields=["institution", "profession"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.name_folded = name_folded(self.first_name, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_folded"}
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    def has_role(self, role: str) -> bool:
        return any(a.role == role for a in self.cached_role_assignments)

    @property
    def cached_role_assignments(self) -> list["RoleAssignment"]:
        if not hasattr(self, "_role_assignments_cache"):
            self._role_assignments_cache = list(self.role_assignments.select_related("institution"))
        return self._role_assignments_cache

    @property
    def is_staff_role(self) -> bool:
        """True for anyone who authors content or sees other people's data."""
        return self.is_superuser or bool(self.cached_role_assignments)


class Membership(models.Model):
    """Which institution a person belonged to, and when. The open row is the current one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="memberships"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_membership_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.institution.code}"


class RoleAssignment(models.Model):
    """A staff role held by a person; managers and analysts see one subtree only."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("scope"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("For managers and analysts: the top of the subtree they may see."),
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "institution"], name="unique_role_assignment"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=[r.value for r in SCOPED_ROLES], institution__isnull=False)
                    | ~models.Q(role__in=[r.value for r in SCOPED_ROLES])
                ),
                name="scoped_role_has_institution",
            ),
        ]

    def __str__(self) -> str:
        scope = f" @ {self.institution.code}" if self.institution_id else ""
        return f"{self.user}: {self.get_role_display()}{scope}"
