"""The catalogue's filters. GET parameters in Danish, so a shared URL reads well."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ressourcebank.areas.models import Area, Postcode
from ressourcebank.core.forms import DesignSystemFormMixin

from .models import Offer
from .selectors import offers_search


class CatalogueForm(DesignSystemFormMixin, forms.Form):
    pass


class OfferFilter(django_filters.FilterSet):
    SORT_RELEVANCE = "relevans"
    SORT_NEWEST = "nyeste"
    SORT_NAME = "navn"

    q = django_filters.CharFilter(
        label=_("Søg"), method="filter_search", max_length=200,
        help_text=_("Fx musik, teater, lektiehjælp eller værksted"),
    )
    kategori = django_filters.ChoiceFilter(
        field_name="category", label=_("Kategori"), choices=Offer.Category.choices,
        empty_label=_("Alle kategorier"),
    )
    alder = django_filters.NumberFilter(
        label=_("Passer til alder"), method="filter_age", min_value=0, max_value=99,
    )
    pris = django_filters.ChoiceFilter(
        label=_("Pris"), method="filter_price", empty_label=_("Alle priser"),
        choices=[("gratis", _("Kun gratis")), ("fritidspas", _("Gratis eller med Fritidspas"))],
    )
    omraade = django_filters.ModelChoiceFilter(
        field_name="postcode__area", label=_("Område"), queryset=Area.objects.all(),
        empty_label=_("Hele kommunen"),
    )
    postnummer = django_filters.ModelChoiceFilter(
        field_name="postcode", label=_("Postnummer"), queryset=Postcode.objects.all(),
        empty_label=_("Alle postnumre"),
    )
    ugedag = django_filters.ChoiceFilter(
        label=_("Ugedag"),
        method="filter_weekday",
        choices=[(str(value), label) for value, label in Offer.Weekday.choices],
        empty_label=_("Alle dage"),
    )
    art = django_filters.ChoiceFilter(
        field_name="kind", label=_("Art"), choices=Offer.Kind.choices, empty_label=_("Alle"),
    )
    transport = django_filters.BooleanFilter(
        label=_("Transport tilbydes"), method="filter_transport", widget=forms.CheckboxInput,
    )
    skoler = django_filters.BooleanFilter(
        field_name="comes_to_schools", label=_("Kan komme ud på skolen"),
        method="filter_true", widget=forms.CheckboxInput,
    )
    ledige = django_filters.BooleanFilter(
        label=_("Har ledige pladser"), method="filter_free_spots", widget=forms.CheckboxInput,
    )
    sorter = django_filters.ChoiceFilter(
        label=_("Sortér efter"), method="filter_noop", empty_label=None,
        choices=[
            (SORT_RELEVANCE, _("Relevans")),
            (SORT_NEWEST, _("Nyeste")),
            (SORT_NAME, _("Navn")),
        ],
    )

    class Meta:
        model = Offer
        fields = []
        form = CatalogueForm

    def filter_search(self, queryset, name, value):
        return offers_search(queryset, value)

    def filter_age(self, queryset, name, value):
        return queryset.filter(
            Q(min_age__isnull=True) | Q(min_age__lte=value),
            Q(max_age__isnull=True) | Q(max_age__gte=value),
        )

    def filter_price(self, queryset, name, value):
        if value == "gratis":
            return queryset.filter(price=0)
        return queryset.filter(Q(price=0) | Q(fritidspas=True))

    def filter_weekday(self, queryset, name, value):
        return queryset.filter(weekdays__contains=[int(value)])

    def filter_transport(self, queryset, name, value):
        if value:
            return queryset.exclude(transport=Offer.Transport.NONE)
        return queryset

    def filter_true(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset

    def filter_free_spots(self, queryset, name, value):
        if value:
            return queryset.filter(Q(capacity__isnull=True) | Q(spots_taken__lt=F("capacity")))
        return queryset

    def filter_noop(self, queryset, name, value):
        return queryset  # ordering is applied after filtering, see ``qs``

    @property
    def ranking(self) -> str:
        """The search text when the rows are to be ranked by relevance (the default when
        searching), else empty; the ranking is done by the paginator."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        if data.get("sorter") in ("", None, self.SORT_RELEVANCE):
            return data.get("q") or ""
        return ""

    @property
    def qs(self):
        queryset = super().qs
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        sort = data.get("sorter") or ""
        if sort == self.SORT_NAME:
            return queryset.order_by("title", "id")  # offer_catalogue_name_idx
        if self.ranking:
            return queryset
        return queryset.order_by("-published_at", "-id")  # offer_published_idx (see migration 0003)
