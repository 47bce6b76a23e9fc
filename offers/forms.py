from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from ressourcebank.core.forms import DesignSystemFormMixin

from .models import ClassVisitRequest, Offer, Organisation, OrganisationMember
from .text import description_to_html

User = get_user_model()

ORGANISATION_FIELDS = [
    "name",
    "kind",
    "cvr",
    "address",
    "postcode",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
    "description",
]


class OrganisationForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"cvr": _("8 cifre. Kan udelades, hvis I ikke har et CVR-nummer.")}

    def clean_cvr(self):
        cvr = self.cleaned_data.get("cvr", "").replace(" ", "")
        if cvr:
            taken = Organisation.objects.filter(cvr=cvr).exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(
                    _(
                        "En organisation med dette CVR-nummer er allerede tilmeldt. "
                        "Bed en af dens medlemmer om en invitation."
                    )
                )
        return cvr


class AccountFields(DesignSystemFormMixin, forms.Form):
    """The person's account, for a sign-up or an accepted invitation by someone new."""

    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150)
    password1 = forms.CharField(
        label=_("Adgangskode"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        max_length=128,
    )
    password2 = forms.CharField(
        label=_("Gentag adgangskode"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        max_length=128,
    )

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("De to adgangskoder er ikke ens."))
        elif password1:
            try:
                validate_password(password1, User(email=cleaned.get("email", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignupAccountForm(AccountFields):
    field_order = ["email", "first_name", "last_name", "password1", "password2"]
    email = forms.EmailField(label=_("Din e-mail"), max_length=254)

    def clean_email(self):
        # Whether the address already has an account is not said here: anyone could ask.
        # The sign-up answers the same either way and tells the address's owner by e-mail.
        return self.cleaned_data["email"].lower()


class InvitationAccountForm(AccountFields):
    pass


class InviteForm(DesignSystemFormMixin, forms.Form):
    email = forms.EmailField(label=_("Kollegaens e-mail"), max_length=254)
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=OrganisationMember.Role.choices,
        initial="member",
        widget=forms.RadioSelect,
        help_text=_(
            "Administratorer kan også invitere andre og rette organisationens oplysninger."
        ),
    )

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation  # before super(): the mixin validates a bound form
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if self.organisation.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("Personen er allerede medlem af organisationen."))
        return email


class DecisionForm(DesignSystemFormMixin, forms.Form):
    """The coordinator's decision about an organisation."""

    DECISIONS = [
        (Organisation.Status.APPROVED, _("Godkend")),
        (Organisation.Status.REJECTED, _("Afvis")),
        (Organisation.Status.SUSPENDED, _("Suspendér")),
    ]
    decision = forms.ChoiceField(label=_("Beslutning"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skal udfyldes ved afvisning og suspension. Sendes til organisationen."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in ("rejected", "suspended")
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Skriv en begrundelse, så organisationen ved hvorfor."))
        return cleaned


class WeekdaysField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.pop("base_field", None)
        kwargs.pop("max_length", None)
        super().__init__(
            choices=Offer.Weekday.choices,
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class SingleDatesField(forms.CharField):
    """Dates written as 24-03-2026, one a line or separated by commas."""

    def __init__(self, **kwargs):
        kwargs.pop("base_field", None)
        super().__init__(widget=forms.Textarea(attrs={"rows": 2}), max_length=500, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(day.strftime("%d-%m-%Y") for day in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        dates = []
        date_field = forms.DateField(input_formats=["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"])
        for part in text.replace("\n", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                dates.append(date_field.clean(part))
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(value)s” er ikke en dato. Skriv datoer som 24-03-2026."),
                    params={"value": part[:30]},
                ) from None
        if len(dates) > 50:
            raise forms.ValidationError(_("Højst 50 enkelte datoer."))
        return sorted(set(dates))

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class OfferForm(DesignSystemFormMixin, forms.ModelForm):
    weekdays = WeekdaysField(label=_("Ugedage"), required=False)
    single_dates = SingleDatesField(
        label=_("Enkelte datoer"),
        required=False,
        help_text=_("Hvis tilbuddet er på bestemte dage: fx 24-03-2026, 31-03-2026."),
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "category",
            "kind",
            "resource_type",
            "min_age",
            "max_age",
            "price",
            "fritidspas",
            "capacity",
            "weekdays",
            "starts_at",
            "ends_at",
            "period_start",
            "period_end",
            "single_dates",
            "schedule_note",
            "address",
            "postcode",
            "comes_to_schools",
            "transport",
            "accessibility",
            "languages",
            "how_to_join",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "kind": forms.RadioSelect,
            "transport": forms.RadioSelect,
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_description(self):
        html = description_to_html(self.cleaned_data["description"])
        if not html:
            raise forms.ValidationError(_("Skriv en kort beskrivelse af tilbuddet."))
        return html

    def clean(self):
        cleaned = super().clean()
        min_age, max_age = cleaned.get("min_age"), cleaned.get("max_age")
        if min_age is not None and max_age is not None and min_age > max_age:
            self.add_error("max_age", _("“Til alder” skal være mindst “fra alder”."))
        if cleaned.get("kind") == Offer.Kind.RESOURCE and not cleaned.get("resource_type"):
            self.add_error("resource_type", _("Vælg hvilken slags ressource det er."))
        if cleaned.get("kind") == Offer.Kind.ACTIVITY:
            cleaned["resource_type"] = ""
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        first, last = cleaned.get("period_start"), cleaned.get("period_end")
        if first and last and last < first:
            self.add_error("period_end", _("Sidste dag kan ikke ligge før første dag."))
        capacity = cleaned.get("capacity")
        taken = self.instance.spots_taken if self.instance.pk else 0
        if capacity is not None and capacity < taken:
            self.add_error(
                "capacity",
                _("Der er allerede taget %(taken)s pladser. Antallet kan ikke sættes lavere.")
                % {"taken": taken},
            )
        return cleaned


class ClassVisitRequestForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = ClassVisitRequest
        fields = [
            "school",
            "school_postcode",
            "class_name",
            "pupils",
            "wished_dates",
            "needs_transport",
            "message",
        ]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_postcode"].required = True
        self.fields["school_postcode"].empty_label = _("Vælg postnummer")


class ClassVisitAnswerForm(DesignSystemFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Svar"),
        choices=[("accept", _("Ja, vi tager imod klassen")), ("decline", _("Nej, desværre"))],
        widget=forms.RadioSelect,
    )
    visit_date = forms.DateField(
        label=_("Dato for besøget"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    decline_reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == "accept" and not cleaned.get("visit_date"):
            self.add_error("visit_date", _("Skriv den dato, klassen kan komme."))
        if cleaned.get("answer") == "decline" and not cleaned.get("decline_reason", "").strip():
            self.add_error("decline_reason", _("Skriv kort hvorfor, så skolen ved det."))
        return cleaned
