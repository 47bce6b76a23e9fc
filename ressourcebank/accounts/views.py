"""The coordinator's tools for people: staff invitations, (de)activation, the access log."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ressourcebank.audit.filters import AccessLogFilter
from ressourcebank.audit.models import AccessLog

from . import services
from .forms import StaffInviteForm
from .models import RoleAssignment

User = get_user_model()


@require_safe
def index(request):
    return render(request, "coordinator/index.html")


@require_safe
def staff_list(request):
    users = (
        User.objects.filter(role_assignments__isnull=False)
        .distinct()
        .order_by("email")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("department"),
            )
        )
    )
    page = Paginator(users, 50).get_page(request.GET.get("side"))
    return render(request, "coordinator/staff_list.html", {"page": page})


def staff_invite(request):
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.staff_invite(request=request, **form.cleaned_data)
        messages.success(request, _("%(email)s er inviteret.") % {"email": user.email})
        return redirect("coordinator:staff-list")
    return render(request, "coordinator/staff_invite.html", {"form": form})


@require_POST
def staff_set_active(request, pk):
    user = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(request=request, user=user, active=active)
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        if active:
            messages.success(request, _("%(email)s er aktiv igen.") % {"email": user.email})
        else:
            messages.success(
                request, _("%(email)s er deaktiveret og logget ud.") % {"email": user.email}
            )
    return redirect("coordinator:staff-list")


@require_safe
def access_log(request):
    entries = AccessLog.objects.select_related("actor")
    log_filter = AccessLogFilter(request.GET, entries)
    page = Paginator(log_filter.qs, 50).get_page(request.GET.get("side"))
    return render(request, "coordinator/access_log.html", {"filter": log_filter, "page": page})
