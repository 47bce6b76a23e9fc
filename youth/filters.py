"""Filters for the youth lists, applied after scoping with ``visible_to``."""

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ressourcebank.areas.models import Area
from ressourcebank.core.forms import DesignSystemFormMixin

from .models import AgeBand, Consent, Situation, YouthProfile


def match_model():
    """The mentoring app's Match model, when that app has one (it is built separately)."""
    try:
        return apps.get_model("mentoring", "Match")
    except LookupError:
        return None


class FilterForm(DesignSystemFormMixin, forms.Form):
    pass


class YouthFilter(django_filters.FilterSet):
    situation = django_filters.ChoiceFilter(choices=Situation.choices, label=_("Situation"))
    area = django_filters.ModelChoiceFilter(
        field_name="postcode__area", queryset=Area.objects.all(), label=_("Område")
    )
    age_band = django_filters.ChoiceFilter(
        choices=AgeBand.choices, method="filter_age_band", label=_("Alder")
    )
    has_mentor = django_filters.BooleanFilter(
        method="filter_has_mentor",
        label=_("Har en mentor"),
        widget=django_filters.widgets.BooleanWidget(),
    )
    consent_expiring = django_filters.BooleanFilter(
        method="filter_consent_expiring",
        label=_("Samtykke udløber inden for 30 dage"),
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = YouthProfile
        form = FilterForm
        fields = ["situation", "area", "age_band", "has_mentor", "consent_expiring"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if match_model() is None:
            # Without the mentoring app's matches there is nothing to filter on.
            del self.filters["has_mentor"]

    def filter_age_band(self, queryset, name, value):
        return queryset.in_age_band(value) if value else queryset

    def filter_has_mentor(self, queryset, name, value):
        Match = match_model()
        if value is None or Match is None:
            return queryset
        active = Exists(Match.objects.filter(youth=OuterRef("pk"), status="active"))
        return queryset.filter(active) if value else queryset.exclude(active)

    def filter_consent_expiring(self, queryset, name, value):
        if value is None:
            return queryset
        expiring = Exists(Consent.objects.expiring_within(30).filter(youth=OuterRef("pk")))
        return queryset.filter(expiring) if value else queryset.exclude(expiring)
