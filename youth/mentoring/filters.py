"""Filters on the pool of young people who want a mentor; applied after scoping."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.areas.models import Area
from ressourcebank.core.forms import DesignSystemFormMixin
from youth.models import AgeBand, birth_dates_for_band

from .choices import Interest
from .matching import normalise_language


class PoolFilterForm(DesignSystemFormMixin, forms.Form):
    pass


class PoolFilter(django_filters.FilterSet):
    area = django_filters.ModelChoiceFilter(
        label=_("Område"),
        queryset=Area.objects.all(),
        field_name="postcode__area",
        empty_label=_("Alle områder"),
    )
    age_band = django_filters.ChoiceFilter(
        label=_("Aldersgruppe"),
        choices=AgeBand.choices,
        method="filter_age_band",
        empty_label=_("Alle aldre"),
    )
    interest = django_filters.ChoiceFilter(
        label=_("Interesse"),
        choices=Interest.choices,
        method="filter_interest",
        empty_label=_("Alle interesser"),
    )
    language = django_filters.CharFilter(label=_("Sprog"), method="filter_language", max_length=50)

    class Meta:
        form = PoolFilterForm
        fields = []

    def filter_age_band(self, queryset, name, value):
        return queryset.filter(birth_dates_for_band(value, timezone.localdate()))

    def filter_interest(self, queryset, name, value):
        return queryset.filter(interests__contains=[value])

    def filter_language(self, queryset, name, value):
        # Languages are free text on the profile; match the common spellings of one word.
        language = normalise_language(value)
        variants = {language, language.capitalize(), language.upper()}
        return queryset.filter(languages__overlap=sorted(variants))
