"""Referrals: the referrer's side (send, follow, cancel) and the organisation's inbox.

The organisation sees a young person's first name and age, the referrer's contact and the
message — nothing else — and only for referrals to its own offers.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ressourcebank.audit.log import Action, record, record_many

from . import permissions, services
from .forms import OrganisationAnswerForm, ReasonForm, ReferralForm
from .models import (
    ORGANISATION_TRANSITIONS,
    ConsentPurpose,
    Referral,
    ReferralStatus,
    YouthProfile,
    get_youth_for_user_or_404,
)

PAGE_SIZE = 25
STALE_DAYS = 14
ORGANISATION_ACTIONS = frozenset().union(*ORGANISATION_TRANSITIONS.values())


def _get_referral_or_404(request, pk, *, queryset, purpose: str) -> Referral:
    """One referral within ``queryset`` (the user's scope); logs VIEW or DENIED on the
    young person, like ``get_youth_for_user_or_404``."""
    referral = (
        queryset.filter(pk=pk).select_related("youth", "offer__organisation", "referred_by").first()
    )
    if referral is None:
        youth_id = Referral.objects.filter(pk=pk).values_list("youth_id", flat=True).first()
        if youth_id is not None:
            record(request, Action.DENIED, YouthProfile(pk=youth_id), purpose=purpose)
        raise Http404
    record(request, Action.VIEW, YouthProfile(pk=referral.youth_id), purpose=purpose)
    return referral


# -- the referrer's side ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def referral_create(request, pk):
    profile = get_youth_for_user_or_404(request, pk, purpose="Henvisning til tilbud")
    if not permissions.can_refer(request.user, profile):
        raise Http404
    has_consent = profile.consents.filter(purpose=ConsentPurpose.REFERRAL).active().exists()
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                youth=profile,
                offer=form.cleaned_data["offer"],
                actor=request.user,
                message=form.cleaned_data["message"],
                request=request,
            )
        except services.ReferralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Henvisningen er sendt til organisationen."))
            return redirect("youth:referral", pk=referral.pk)
    return render(
        request,
        "youth/referral_form.html",
        {"form": form, "profile": profile, "has_consent": has_consent},
    )


@require_safe
def referral_list(request):
    user = request.user
    referrals = (
        Referral.objects.visible_to(user)
        .filter(Q(referred_by=user) | Q(youth__caseworker=user))
        .select_related("youth", "offer__organisation")
        .order_by("-status_changed_at")
    )
    status = request.GET.get("status", "")
    if status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("side"))
    record_many(
        request,
        Action.VIEW,
        list({r.youth_id: r.youth for r in page.object_list}.values()),
        purpose="Liste over henvisninger",
    )
    return render(
        request,
        "youth/referral_list.html",
        {"page": page, "status": status, "statuses": ReferralStatus.choices},
    )


@require_safe
def referral_detail(request, pk):
    referral = _get_referral_or_404(
        request,
        pk,
        queryset=Referral.objects.visible_to(request.user),
        purpose="Opfølgning på henvisning",
    )
    return render(
        request,
        "youth/referral_detail.html",
        {
            "referral": referral,
            "events": referral.events.select_related("actor"),
            "can_cancel": permissions.can_cancel_referral(request.user, referral)
            and ReferralStatus.CANCELLED in permissions.referrer_actions(referral),
            "form": ReasonForm(),
        },
    )


@require_POST
def referral_cancel(request, pk):
    referral = _get_referral_or_404(
        request,
        pk,
        queryset=Referral.objects.visible_to(request.user),
        purpose="Annullering af henvisning",
    )
    if not permissions.can_cancel_referral(request.user, referral):
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "youth/referral_detail.html",
            {
                "referral": referral,
                "events": referral.events.select_related("actor"),
                "can_cancel": True,
                "form": form,
            },
            status=400,
        )
    try:
        services.referral_transition(
            referral_id=referral.pk,
            actor=request.user,
            to_status=ReferralStatus.CANCELLED,
            side="referrer",
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except services.ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Henvisningen er annulleret."))
    return redirect("youth:referral", pk=referral.pk)


# -- the organisation's inbox ----------------------------------------------------------------


@require_safe
def org_inbox(request):
    referrals = Referral.objects.for_organisation_member(request.user)
    show = request.GET.get("vis", "aabne")
    listed = referrals.open() if show == "aabne" else referrals
    listed = listed.select_related("youth", "offer", "referred_by").order_by("status_changed_at")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("side"))
    record_many(
        request,
        Action.VIEW,
        list({r.youth_id: r.youth for r in page.object_list}.values()),
        purpose="Organisationens henvisninger",
    )
    return render(
        request,
        "youth/org_inbox.html",
        {
            "page": page,
            "show": show,
            "stale_count": referrals.stale(STALE_DAYS).count(),
            "stale_days": STALE_DAYS,
        },
    )


def _org_referral_page(request, referral, bound=None, status=200):
    """One small form per allowed answer, each with its own field ids (prefix)."""
    actions = []
    for value in permissions.organisation_actions(referral):
        form = bound if bound is not None and bound.prefix == value else None
        actions.append(
            (value, ReferralStatus(value).label, form or OrganisationAnswerForm(prefix=value))
        )
    errors = bound.non_field_errors() if bound is not None else []
    return render(
        request,
        "youth/org_referral.html",
        {
            "referral": referral,
            "events": referral.events.all(),
            "actions": actions,
            "errors": errors,
        },
        status=status,
    )


@require_safe
def org_referral(request, pk):
    referral = _get_referral_or_404(
        request,
        pk,
        queryset=Referral.objects.for_organisation_member(request.user),
        purpose="Organisationens behandling af henvisning",
    )
    return _org_referral_page(request, referral)


@require_POST
def org_referral_answer(request, pk, action):
    if action not in ORGANISATION_ACTIONS:
        raise Http404
    referral = _get_referral_or_404(
        request,
        pk,
        queryset=Referral.objects.for_organisation_member(request.user),
        purpose="Organisationens behandling af henvisning",
    )
    form = OrganisationAnswerForm(request.POST, prefix=action)
    if not form.is_valid():
        return _org_referral_page(request, referral, form, status=400)
    try:
        updated = services.referral_transition(
            referral_id=referral.pk,
            actor=request.user,
            to_status=action,
            side="organisation",
            decline_reason=form.cleaned_data["decline_reason"],
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except services.ReferralError as error:
        form.add_error(None, str(error))
        return _org_referral_page(request, referral, form, status=400)
    if action == ReferralStatus.ACCEPTED and updated.status == ReferralStatus.WAITING_LIST:
        messages.warning(request, _("Tilbuddet er fuldt. Den unge er sat på venteliste."))
    else:
        messages.success(
            request,
            _("Henvisningen har nu status: %(status)s.") % {"status": updated.get_status_display()},
        )
    return redirect("youth:org-referral", pk=referral.pk)
