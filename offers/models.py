"""Organisations (civil-society actors) and the offers and resources they give young people.

Nothing here is personal data about young people; `offers` knows nothing about `youth`.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ressourcebank.areas.models import Postcode


def validate_cvr(value: str) -> None:
    """A Danish CVR number: 8 digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11."""
    if not (len(value) == 8 and value.isdigit()):
        raise ValidationError(_("Et CVR-nummer er 8 cifre."), code="cvr_format")
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    if sum(int(d) * w for d, w in zip(value, weights, strict=True)) % 11:
        raise ValidationError(
            _("CVR-nummeret findes ikke (kontrolcifferet passer ikke). Tjek for tastefejl."),
            code="cvr_checksum",
        )


phone_validator = RegexValidator(
    r"^\+?[0-9 ]{8,20}$", _("Skriv et telefonnummer med cifre, fx 86 42 00 00.")
)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        HOJSKOLE = "hojskole", _("Højskole")
        MUSIKSKOLE = "musikskole", _("Musikskole")
        BIBLIOTEK = "bibliotek", _("Bibliotek")
        FORENING = "forening", _("Forening")
        VAERKSTED = "vaerksted", _("Værksted")
        TEATER = "teater", _("Teater")
        ANDET = "andet", _("Andet")

    class Status(models.TextChoices):
        PENDING = "pending", _("Afventer godkendelse")
        APPROVED = "approved", _("Godkendt")
        REJECTED = "rejected", _("Afvist")
        SUSPENDED = "suspended", _("Suspenderet")

    name = models.CharField(_("navn"), max_length=150)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    cvr = models.CharField(
        _("CVR-nummer"), max_length=8, blank=True, validators=[validate_cvr]
    )
    description = models.TextField(_("om organisationen"), max_length=3000, blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.ForeignKey(
        Postcode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("postnummer"),
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=150)
    contact_email = models.EmailField(_("kontakt-e-mail"))
    contact_phone = models.CharField(
        _("kontakttelefon"), max_length=20, blank=True, validators=[phone_validator]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OrganisationMember", related_name="organisations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"], condition=~Q(cvr=""), name="organisation_cvr_unique"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="organisation_status_idx")]

    def __str__(self):
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class OrganisationStatusChange(models.Model):
    """Who changed an organisation's status, when and why. Never edited afterwards."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="status_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(
        max_length=20, choices=Organisation.Status.choices, blank=True
    )
    to_status = models.CharField(max_length=20, choices=Organisation.Status.choices)
    reason = models.TextField(_("begrundelse"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("statusændring")
        verbose_name_plural = _("statusændringer")

    def __str__(self):
        return f"{self.organisation}: {self.from_status or '-'} → {self.to_status}"


class OrganisationMember(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Medlem")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    role = models.CharField(_("rolle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmer")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisation_member_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class OrganisationInvitation(models.Model):
    """An emailed invitation to join an organisation. Only a hash of the token is stored."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("rolle"),
        max_length=10,
        choices=OrganisationMember.Role.choices,
        default=OrganisationMember.Role.MEMBER,
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")

    def __str__(self):
        return f"{self.organisation}: {self.email}"


class OfferQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published offers of approved organisations."""
        return self.filter(
            status=Offer.Status.PUBLISHED, organisation__status=Organisation.Status.APPROVED
        )

    def of_member(self, user):
        """Every offer, drafts too, of the organisations the user is a member of."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(organisation__memberships__user=user)


class Offer(models.Model):
    class Category(models.TextChoices):
        HOJSKOLE = "hojskole", _("Højskole")
        MUSIK = "musik", _("Musik")
        BIBLIOTEK = "bibliotek", _("Bibliotek")
        VAERKSTED = "vaerksted", _("Værksted")
        TEATER = "teater", _("Teater")
        IDRAET = "idraet", _("Idræt")
        KREATIV = "kreativ", _("Kreativ")
        NATUR = "natur", _("Natur")
        LEKTIEHJAELP = "lektiehjaelp", _("Lektiehjælp")
        FAELLESSKAB = "faellesskab", _("Fællesskab")
        ANDET = "andet", _("Andet")

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Aktivitet")
        RESOURCE = "resource", _("Ressource")

    class ResourceType(models.TextChoices):
        ROOM = "room", _("Lokale")
        INSTRUMENTS = "instruments", _("Instrumenter og udstyr")
        VOLUNTEER_TIME = "volunteer_time", _("Frivillige timer")
        TRANSPORT_SEATS = "transport_seats", _("Pladser i transport")
        OTHER = "other", _("Andet")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        PUBLISHED = "published", _("Offentliggjort")
        PAUSED = "paused", _("Sat på pause")
        ARCHIVED = "archived", _("Arkiveret")

    class Transport(models.TextChoices):
        NONE = "none", _("Ingen transport")
        ARRANGED = "arranged", _("Vi sørger for transport")
        TRAVEL_SUPPORT = "travel_support", _("Tilskud til transport")

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Mandag")
        TUESDAY = 2, _("Tirsdag")
        WEDNESDAY = 3, _("Onsdag")
        THURSDAY = 4, _("Torsdag")
        FRIDAY = 5, _("Fredag")
        SATURDAY = 6, _("Lørdag")
        SUNDAY = 7, _("Søndag")

    id = models.BigAutoField(primary_key=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="offers",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(
        _("beskrivelse"),
        max_length=5000,
        help_text=_("Afsnit og links. Anden formatering fjernes."),
    )
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    kind = models.CharField(_("art"), max_length=10, choices=Kind.choices, default=Kind.ACTIVITY)
    resource_type = models.CharField(
        _("slags ressource"), max_length=20, choices=ResourceType.choices, blank=True
    )
    min_age = models.PositiveSmallIntegerField(
        _("fra alder"), null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("til alder"), null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    price = models.PositiveIntegerField(
        _("pris i kroner"), default=0, help_text=_("0 betyder gratis."),
        validators=[MaxValueValidator(100000)],
    )
    fritidspas = models.BooleanField(
        _("gratis med Fritidspas"), default=False,
        help_text=_("Kan betales med Randers Kommunes Fritidspas."),
    )
    capacity = models.PositiveIntegerField(
        _("antal pladser"), null=True, blank=True, help_text=_("Tomt betyder ubegrænset."),
        validators=[MaxValueValidator(100000)],
    )
    spots_taken = models.PositiveIntegerField(_("optagne pladser"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Schedule: weekdays and times over a period, or single dates.
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        verbose_name=_("ugedage"), default=list, blank=True,
    )
    starts_at = models.TimeField(_("fra klokken"), null=True, blank=True)
    ends_at = models.TimeField(_("til klokken"), null=True, blank=True)
    period_start = models.DateField(_("første dag"), null=True, blank=True)
    period_end = models.DateField(_("sidste dag"), null=True, blank=True)
    single_dates = ArrayField(
        models.DateField(), verbose_name=_("enkelte datoer"), default=list, blank=True
    )
    schedule_note = models.CharField(_("om tidspunkter"), max_length=200, blank=True)
    # Place.
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.ForeignKey(
        Postcode, on_delete=models.PROTECT, null=True, blank=True, related_name="offers",
        verbose_name=_("postnummer"),
    )
    comes_to_schools = models.BooleanField(_("vi kan komme ud på skolen"), default=False)
    transport = models.CharField(
        _("transport"), max_length=20, choices=Transport.choices, default=Transport.NONE
    )
    accessibility = models.CharField(_("tilgængelighed"), max_length=500, blank=True)
    languages = models.CharField(_("sprog"), max_length=200, default="dansk", blank=True)
    how_to_join = models.CharField(_("sådan kommer man med"), max_length=500, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("kontakt-e-mail"), blank=True)
    contact_phone = models.CharField(
        _("kontakttelefon"), max_length=20, blank=True, validators=[phone_validator]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Kept by PostgreSQL itself, so bulk loads and raw updates stay searchable.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="danish")
        + SearchVector("description", weight="B", config="danish"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(spots_taken__lte=F("capacity")),
                name="offer_spots_taken_within_capacity",
                violation_error_message=_("Der er ikke flere ledige pladser."),
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=F("max_age")),
                name="offer_age_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kind="resource") | Q(resource_type=""),
                name="offer_resource_type_only_for_resources",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="offer_search_vector_gin"),
            GinIndex(OpClass(F("title"), name="gin_trgm_ops"), name="offer_title_trgm_gin"),
            models.Index(
                # id breaks ties between offers published at the same moment (an import).
                fields=["-published_at", "-id"],
                name="offer_published_idx",
                condition=Q(status="published"),
            ),
            models.Index(fields=["category"], name="offer_category_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def spots_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.spots_taken, 0)

    @property
    def weekday_labels(self) -> list[str]:
        return [self.Weekday(day).label for day in sorted(self.weekdays)]

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.spots_taken >= self.capacity


class ClassVisitRequest(models.Model):
    """A school (a caseworker in Skole, a teacher's role for now) asks to bring a class."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Afventer svar")
        ACCEPTED = "accepted", _("Accepteret")
        DECLINED = "declined", _("Afslået")
        CANCELLED = "cancelled", _("Trukket tilbage")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="class_visits")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="class_visit_requests"
    )
    school = models.CharField(_("skole"), max_length=150)
    # Where the school is, so visits from rural schools to town offers can be counted.
    # Empty only on requests made before it was asked.
    school_postcode = models.ForeignKey(
        "areas.Postcode",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("skolens postnummer"),
    )
    class_name = models.CharField(_("klasse"), max_length=50, blank=True)
    pupils = models.PositiveSmallIntegerField(
        _("antal elever"), validators=[MaxValueValidator(200)]
    )
    wished_dates = models.CharField(
        _("ønskede datoer"), max_length=300, help_text=_("Fx \"uge 12 eller 14, helst formiddag\".")
    )
    needs_transport = models.BooleanField(_("vi har brug for transport"), default=False)
    message = models.TextField(_("besked"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    visit_date = models.DateField(_("dato for besøget"), null=True, blank=True)
    decline_reason = models.CharField(_("begrundelse"), max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("klassebesøg")
        verbose_name_plural = _("klassebesøg")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(visit_date__isnull=False),
                name="class_visit_accepted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="class_visit_declined_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.school}: {self.offer}"
