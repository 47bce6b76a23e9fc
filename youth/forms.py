from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.forms import SimpleArrayField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from offers.models import Offer
from ressourcebank.accounts.models import Department, Role
from ressourcebank.accounts.roles import roles_of
from ressourcebank.core.forms import DesignSystemFormMixin

from .models import (
    Consent,
    ConsentGivenBy,
    ConsentPurpose,
    DeclineReason,
    Interest,
    Referral,
    YouthProfile,
    add_months,
)
from .services import consent_given_by_error
from .validators import reject_cpr

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MIN_AGE, MAX_AGE = 6, 30


def departments_for(user):
    if Role.COORDINATOR in roles_of(user).roles:
        return Department.objects.all()
    return Department.objects.filter(pk__in=roles_of(user).department_ids)


class YouthProfileForm(DesignSystemFormMixin, forms.ModelForm):
    interests = forms.MultipleChoiceField(
        label=_("Interesser"),
        choices=Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = SimpleArrayField(
        forms.CharField(max_length=50, validators=[reject_cpr]),
        label=_("Sprog"),
        required=False,
        help_text=_("Adskil med komma, fx dansk, arabisk."),
    )

    class Meta:
        model = YouthProfile
        fields = [
            "first_name",
            "surname",
            "date_of_birth",
            "postcode",
            "email",
            "phone",
            "situation",
            "interests",
            "wishes",
            "languages",
            "department",
            "caseworker",
        ]
        widgets = {"date_of_birth": DATE_WIDGET, "wishes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "wishes": _("Skriv med den unges egne ord. Skriv aldrig CPR-nummer."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = departments_for(user)
        self.fields["department"].queryset = departments
        self.fields["date_of_birth"].required = True
        self.fields["postcode"].queryset = self.fields["postcode"].queryset.select_related("area")
        self.fields["caseworker"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                role_assignments__role=Role.CASEWORKER,
                role_assignments__department__in=departments,
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
        if departments.count() == 1 and not self.instance.department_id:
            self.fields["department"].initial = departments.first()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("Fødselsdatoen kan ikke ligge i fremtiden."))
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if not MIN_AGE <= age <= MAX_AGE:
            raise forms.ValidationError(
                _("Ressourcebanken er for unge mellem %(low)s og %(high)s år.")
                % {"low": MIN_AGE, "high": MAX_AGE}
            )
        return born


class ConsentForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = [
            "purpose",
            "department",
            "given_by",
            "method",
            "given_at",
            "valid_until",
            "evidence_reference",
        ]
        widgets = {
            "given_at": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "purpose": forms.RadioSelect,
            "given_by": forms.RadioSelect,
        }
        help_texts = {
            "department": _("Kun ved deling med en afdeling."),
            "given_at": _("Tomt betyder i dag."),
            "valid_until": _("Tomt betyder 12 måneder efter, samtykket blev givet."),
        }

    def __init__(self, *args, youth: YouthProfile, **kwargs):
        self.youth = youth
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.exclude(pk=youth.department_id)
        # Blank dates mean today and the usual validity from then.
        self.fields["given_at"].required = False
        self.fields["valid_until"].required = False
        self.fields["given_at"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        purpose = cleaned.get("purpose")
        if purpose == ConsentPurpose.DEPARTMENT_SHARING and not cleaned.get("department"):
            self.add_error("department", _("Vælg den afdeling, profilen må deles med."))
        if purpose and purpose != ConsentPurpose.DEPARTMENT_SHARING:
            cleaned["department"] = None
            self.instance.department = None
        given_at = cleaned["given_at"] = cleaned.get("given_at") or timezone.localdate()
        if given_at > timezone.localdate():
            self.add_error("given_at", _("Datoen kan ikke ligge i fremtiden."))
        if not cleaned.get("valid_until") and "valid_until" not in self.errors:
            cleaned["valid_until"] = add_months(given_at, settings.CONSENT_VALID_MONTHS)
        valid_until = cleaned.get("valid_until")
        if valid_until and valid_until < given_at:
            self.add_error("valid_until", _("Slutdatoen skal ligge efter datoen for samtykket."))
        if cleaned.get("given_by"):
            error = consent_given_by_error(
                date_of_birth=self.youth.date_of_birth,
                given_by=cleaned["given_by"],
                given_at=given_at,
            )
            if error:
                self.add_error("given_by", error)
        return cleaned

    def _post_clean(self):
        # The model's own validation runs in the service, with the young person set.
        self.instance.youth = self.youth
        super()._post_clean()


class ConsentWithdrawForm(DesignSystemFormMixin, forms.Form):
    party = forms.ChoiceField(
        label=_("Hvem trækker samtykket tilbage?"),
        choices=ConsentGivenBy.choices,
        widget=forms.RadioSelect,
    )


class NameSearchForm(DesignSystemFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Søg efter navn"),
        min_length=2,
        max_length=100,
        help_text=_("Søger kun blandt de unge, du har adgang til."),
    )


class ReferralForm(DesignSystemFormMixin, forms.ModelForm):
    offer = forms.ModelChoiceField(
        label=_("Tilbud"),
        queryset=Offer.objects.none(),
        help_text=_("Kun offentliggjorte tilbud kan modtage henvisninger."),
    )

    class Meta:
        model = Referral
        fields = ["offer", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "message": _(
                "Organisationen ser den unges fornavn, alder, din kontaktinfo og denne besked. "
                "Skriv kun det, organisationen har brug for."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = (
            Offer.objects.published().select_related("organisation").order_by("title")
        )
        self.fields["offer"].label_from_instance = lambda o: f"{o.title} ({o.organisation.name})"


class OrganisationAnswerForm(DesignSystemFormMixin, forms.Form):
    decline_reason = forms.ChoiceField(
        label=_("Begrundelse for afvisning"),
        choices=[("", "—"), *DeclineReason.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Kort begrundelse"),
        max_length=500,
        required=False,
        validators=[reject_cpr],
        help_text=_("Skal udfyldes, hvis forløbet afbrydes."),
    )


class ReasonForm(DesignSystemFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Kort begrundelse"), max_length=500, required=False, validators=[reject_cpr]
    )
