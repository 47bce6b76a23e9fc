import django_filters
from django.utils.translation import gettext_lazy as _

from .models import AccessLog, Action


class AccessLogFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(
        field_name="actor__email", lookup_expr="icontains", label=_("Bruger (e-mail)")
    )
    action = django_filters.ChoiceFilter(choices=Action.choices, label=_("Handling"))
    object_type = django_filters.CharFilter(lookup_expr="iexact", label=_("Type"))
    object_id = django_filters.CharFilter(lookup_expr="exact", label=_("Id"))
    after = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("Fra dato"))
    before = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("Til dato")
    )

    class Meta:
        model = AccessLog
        fields = ["actor", "action", "object_type", "object_id", "after", "before"]
