"""A young person's rights: access to their data (GDPR Art. 15) and erasure (Art. 17)."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ressourcebank.audit.log import Action, record

from . import permissions, services
from .models import get_youth_for_user_or_404
from .selectors import access_history, export_extra_sections, youth_export_data

EXPORT_PURPOSE = "Indsigt efter databeskyttelsesforordningen art. 15"


def _exportable(request, pk):
    profile = get_youth_for_user_or_404(request, pk, purpose=EXPORT_PURPOSE)
    if not permissions.can_export(request.user, profile):
        raise Http404
    record(request, Action.EXPORT, profile, purpose=EXPORT_PURPOSE)
    return profile


@require_safe
def export_page(request, pk):
    profile = _exportable(request, pk)
    data = youth_export_data(profile)
    return render(
        request,
        "youth/export.html",
        {
            "profile": profile,
            "data": data,
            "extra_sections": export_extra_sections(profile),
            "profile_consents": profile.consents.select_related("department"),
            "access": [
                {**row, "action_label": Action(row["action"]).label}
                for row in access_history(profile)
            ],
        },
    )


@require_safe
def export_json(request, pk):
    profile = _exportable(request, pk)
    response = JsonResponse(youth_export_data(profile), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="indsigt.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def erase(request, pk):
    profile = get_youth_for_user_or_404(request, pk, purpose="Sletning af personoplysninger")
    if not permissions.can_erase(request.user, profile):
        raise Http404
    if request.method == "POST":
        services.youth_erase(profile=profile, actor=request.user)
        record(request, Action.DELETE, profile, purpose="Sletning af personoplysninger")
        messages.success(
            request,
            _("Den unges personoplysninger er slettet. Kun anonyme tal til statistik er tilbage."),
        )
        return redirect("youth:list")
    return render(request, "youth/erase.html", {"profile": profile})
