from django import forms
from django.utils.translation import gettext_lazy as _

from ressourcebank.areas.models import Postcode
from ressourcebank.core.forms import DesignSystemFormMixin
from youth.models import AgeBand
from youth.validators import reject_cpr

from .choices import (
    AVAILABILITY_CHOICES,
    ClosureReason,
    Interest,
    MentorStatus,
    VettingKind,
)
from .matching import normalise_language
from .models import Agreement, Contact, Mentor


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput, help_text=help_text)


class LanguagesField(forms.CharField):
    """Languages typed as a comma-separated list: "dansk, arabisk"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("help_text", _("Skriv sprogene adskilt med komma, fx: dansk, arabisk"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        seen = []
        for part in value.split(","):
            language = normalise_language(part)
            if language and language not in seen:
                seen.append(language)
        return seen

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        reject_cpr(value)
        if any(len(language) > 50 for language in value):
            raise forms.ValidationError(_("Et sprog kan højst være 50 tegn."))


class MentorApplicationForm(DesignSystemFormMixin, forms.ModelForm):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150, validators=[reject_cpr])
    last_name = forms.CharField(label=_("Efternavn"), max_length=150, validators=[reject_cpr])
    phone = forms.CharField(label=_("Telefon"), max_length=30, validators=[reject_cpr])
    postcode = forms.ModelChoiceField(
        label=_("Postnummer"), queryset=Postcode.objects.all(), empty_label=_("Vælg postnummer")
    )
    interests = forms.MultipleChoiceField(
        label=_("Interesser"),
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = LanguagesField(label=_("Sprog"))
    availability = forms.MultipleChoiceField(
        label=_("Hvornår kan du som regel?"),
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    capacity = forms.IntegerField(
        label=_("Hvor mange unge kan du være mentor for?"), min_value=1, max_value=10, initial=1
    )
    preferred_age_band = forms.ChoiceField(
        label=_("Foretrukken aldersgruppe"),
        choices=[("", _("Ingen præference")), *AgeBand.choices],
        required=False,
    )

    class Meta:
        model = Mentor
        fields = [
            "postcode",
            "mentor_type",
            "interests",
            "skills",
            "languages",
            "availability",
            "capacity",
            "preferred_age_band",
            "motivation",
        ]
        widgets = {"skills": forms.Textarea(attrs={"rows": 3})}

    field_order = ["first_name", "last_name", "phone", *Meta.fields]


class VettingItemForm(DesignSystemFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Punkt"), choices=VettingKind.choices)
    done_on = date_field(_("Dato"))
    valid_until = date_field(
        _("Børneattest: skal fornyes senest"),
        required=False,
        help_text=_("Kun for børneattesten. Indholdet af attesten gemmes aldrig."),
    )


class MentorStatusForm(DesignSystemFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Ny status"),
        choices=[c for c in MentorStatus.choices if c[0] != MentorStatus.APPLIED],
    )


class ClaimForm(DesignSystemFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Besked til den unges sagsbehandler"),
        help_text=_("Fortæl kort, hvorfor du tror, I vil passe sammen."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[reject_cpr],
    )


class ApproveForm(DesignSystemFormMixin, forms.Form):
    youth_agreed_on = date_field(_("Den unge sagde ja den"))
    share_email = forms.BooleanField(
        label=_("Den unge vil gerne dele sin e-mail med mentoren"), required=False
    )
    share_phone = forms.BooleanField(
        label=_("Den unge vil gerne dele sit telefonnummer med mentoren"), required=False
    )
    first_meeting_on = date_field(_("Første møde med sagsbehandler"), required=False)


class DeclineForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse til mentoren"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[reject_cpr],
    )


class FirstMeetingForm(DesignSystemFormMixin, forms.Form):
    first_meeting_on = date_field(_("Første møde med sagsbehandler"))


class ContactForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["happened_on", "minutes", "kind", "note"]
        widgets = {"happened_on": DateInput, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"note": _("Kort og sagligt. Skriv aldrig CPR-numre.")}


class CloseForm(DesignSystemFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Årsag"), choices=ClosureReason.choices)
    note = forms.CharField(
        label=_("Uddybning"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[reject_cpr],
    )
    wants_new_mentor = forms.BooleanField(
        label=_("Den unge vil gerne have en ny mentor"), required=False
    )


class AgreementForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["goals", "tasks", "hours", "starts_on", "ends_on"]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput,
            "ends_on": DateInput,
        }
        help_texts = {"ends_on": _("Højst 6 måneder efter start. Aftalen kan fornyes.")}


class YouthWishForm(DesignSystemFormMixin, forms.Form):
    availability = forms.MultipleChoiceField(
        label=_("Hvornår kan den unge som regel?"),
        choices=AVAILABILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
