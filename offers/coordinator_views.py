"""The coordinator approves, rejects and suspends organisations, with a reason."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import services
from .forms import DecisionForm
from .models import Organisation


@require_safe
def organisation_list(request):
    status = request.GET.get("status", Organisation.Status.PENDING)
    if status not in Organisation.Status.values:
        status = Organisation.Status.PENDING
    organisations = (
        Organisation.objects.filter(status=status)
        .select_related("postcode")
        .annotate(offer_count=Count("offers"))
        .order_by("created_at", "id")
    )
    page = Paginator(organisations, 50).get_page(request.GET.get("side"))
    return render(
        request,
        "coordinator/organisations/list.html",
        {"page": page, "status": status, "statuses": Organisation.Status.choices},
    )


def organisation_detail(request, pk: int):
    organisation = get_object_or_404(Organisation.objects.select_related("postcode"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_set_status(
                request=request,
                organisation_id=organisation.pk,
                status=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except services.TransitionNotAllowed:
            form.add_error(
                "decision",
                _("Det kan man ikke, når organisationen har status “%(status)s”.")
                % {"status": organisation.get_status_display().lower()},
            )
        else:
            messages.success(request, _("Beslutningen er gemt, og organisationen har fået besked."))
            return redirect("coordinator-organisations:detail", pk=organisation.pk)
    return render(
        request,
        "coordinator/organisations/detail.html",
        {
            "organisation": organisation,
            "form": form,
            "members": organisation.memberships.select_related("user"),
            "changes": organisation.status_changes.select_related("changed_by"),
            "offers": organisation.offers.order_by("status", "title"),
        },
    )
