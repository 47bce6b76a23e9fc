from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in with their email address. What they may do comes from their roles."""

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self):
        return self.get_full_name() or self.email


class Department(models.Model):
    """A municipal department (forvaltning/afdeling). Caseworkers belong to one or more."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kort navn"), max_length=50, unique=True)
    contact_email = models.EmailField(_("kontakt-e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordinator")
    CASEWORKER = "caseworker", _("Sagsbehandler")
    ORGANISATION = "organisation", _("Organisation")
    MENTOR = "mentor", _("Mentor")


STAFF_ROLES = frozenset({Role.COORDINATOR, Role.CASEWORKER})


class RoleAssignment(models.Model):
    """One role of one user; a caseworker has one row per department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("afdeling"),
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                nulls_distinct=False,
                name="role_assignment_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(role=Role.CASEWORKER, department__isnull=False)
                | (~models.Q(role=Role.CASEWORKER) & models.Q(department__isnull=True)),
                name="role_assignment_department_only_for_caseworkers",
            ),
        ]

    def __str__(self):
        if self.department_id:
            return f"{self.get_role_display()} ({self.department})"
        return self.get_role_display()
