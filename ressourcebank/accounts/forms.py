from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ressourcebank.core.forms import DesignSystemFormMixin

from .models import Department, Role


class StaffInviteForm(DesignSystemFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150)
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=[
            (Role.CASEWORKER, Role.CASEWORKER.label),
            (Role.COORDINATOR, Role.COORDINATOR.label),
        ],
        widget=forms.RadioSelect,
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Afdelinger"),
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sagsbehandlere hører til mindst én afdeling."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Der findes allerede en bruger med den e-mail."))
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.CASEWORKER and not cleaned.get("departments"):
            self.add_error("departments", _("Vælg mindst én afdeling for en sagsbehandler."))
        return cleaned
