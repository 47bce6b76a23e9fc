"""The caseworker's side of mentoring: answer claims, follow matches, close them.

Matches are reached only through ``Match.objects.visible_to_caseworker`` (the young people
``YouthProfile.objects.visible_to`` lets the caseworker see).
"""

import datetime
import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ressourcebank.audit.log import Action, record, record_many
from youth.models import get_youth_for_user_or_404

from . import permissions, selectors, services
from .choices import MatchStatus
from .forms import (
    AgreementForm,
    ApproveForm,
    CloseForm,
    DeclineForm,
    FirstMeetingForm,
    YouthWishForm,
)
from .models import Match, YouthMentorWish
from .pseudonyms import alias_for

PAGE_SIZE = 30


@require_safe
def match_list(request):
    status = request.GET.get("status", "")
    matches = (
        Match.objects.visible_to_caseworker(request.user)
        .with_last_contact()
        .select_related("youth", "mentor__user")
        .order_by("status", "-claimed_at")
    )
    if status in MatchStatus.values:
        matches = matches.filter(status=status)
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("side"))
    record_many(
        request,
        Action.VIEW,
        [m.youth for m in page.object_list],
        purpose="Sagsbehandler: mentorforløb",
    )
    today = timezone.localdate()
    rows = [
        {
            "match": m,
            "flag": selectors.contact_flag(m.last_contact_on, today)
            if m.status == MatchStatus.ACTIVE
            else None,
        }
        for m in page.object_list
    ]
    return render(
        request,
        "mentoring/caseworker/match_list.html",
        {"page": page, "rows": rows, "status": status, "statuses": MatchStatus.choices},
    )


def _detail_context(request, match, **forms):
    today = timezone.localdate()
    last = match.contacts.order_by("-happened_on").values_list("happened_on", flat=True).first()
    last = last or match.first_meeting_on or (match.decided_at.date() if match.decided_at else None)
    context = {
        "match": match,
        "youth": match.youth,
        "alias": alias_for(match.youth_id),
        "contacts": match.contacts.all(),
        "agreements": match.agreements.all(),
        "flag": selectors.contact_flag(last, today) if match.is_active else None,
        "last_contact_on": last,
        "is_jobcenter": match.youth.department.slug == "jobcenter",
        "approve_form": ApproveForm(initial={"youth_agreed_on": today}),
        "decline_form": DeclineForm(),
        "meeting_form": FirstMeetingForm(initial={"first_meeting_on": match.first_meeting_on}),
        "close_form": CloseForm(),
        "can_decide": permissions.can_decide_match(request.user, match),
    }
    context.update(forms)
    return context


def _match_to_decide_or_404(request, pk) -> Match:
    """A match the caseworker may act on: one they may see, of a young person their
    department owns. Seeing alone (a profile shared by consent) answers 404, as editing does."""
    match = selectors.get_match_for_caseworker_or_404(request, pk)
    if not permissions.can_decide_match(request.user, match):
        record(
            request, Action.DENIED, match.youth, purpose="Sagsbehandler: mentorforløb, ikke ejer"
        )
        raise Http404
    return match


@require_safe
def match_detail(request, pk):
    match = selectors.get_match_for_caseworker_or_404(request, pk)
    return render(
        request, "mentoring/caseworker/match_detail.html", _detail_context(request, match)
    )


def _post_action(request, pk, form_class, form_name, action, success):
    """Shared shape of the caseworker's POST actions: validate, call the service, redirect."""
    match = _match_to_decide_or_404(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(match, form.cleaned_data)
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success)
            return redirect("mentoring:caseworker-match", pk=match.pk)
    context = _detail_context(request, match, **{form_name: form})
    return render(request, "mentoring/caseworker/match_detail.html", context, status=400)


@require_POST
def match_approve(request, pk):
    return _post_action(
        request,
        pk,
        ApproveForm,
        "approve_form",
        lambda match, data: services.match_approve(request=request, match=match, **data),
        _("Forløbet er godkendt. Mentoren har fået besked."),
    )


@require_POST
def match_decline(request, pk):
    return _post_action(
        request,
        pk,
        DeclineForm,
        "decline_form",
        lambda match, data: services.match_decline(request=request, match=match, **data),
        _("Anmodningen er afvist. Mentoren har fået besked."),
    )


@require_POST
def match_first_meeting(request, pk):
    return _post_action(
        request,
        pk,
        FirstMeetingForm,
        "meeting_form",
        lambda match, data: services.match_plan_first_meeting(request=request, match=match, **data),
        _("Det første møde er planlagt."),
    )


@require_POST
def match_close(request, pk):
    return _post_action(
        request,
        pk,
        CloseForm,
        "close_form",
        lambda match, data: services.match_close(request=request, match=match, **data),
        _("Forløbet er afsluttet."),
    )


@require_http_methods(["GET", "POST"])
def agreement_create(request, pk):
    """A Jobcenter agreement; ``?forny=<id>`` renews an earlier one for a new period."""
    match = _match_to_decide_or_404(request, pk)
    try:
        renews = match.agreements.filter(pk=uuid.UUID(request.GET.get("forny", ""))).first()
    except ValueError:  # none asked for, or not an agreement's id
        renews = None
    initial = {}
    if renews is not None:
        initial = {"goals": renews.goals, "tasks": renews.tasks, "hours": renews.hours}
        initial["starts_on"] = renews.ends_on + datetime.timedelta(days=1)
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_create(
                request=request, match=match, renews=renews, **form.cleaned_data
            )
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Aftalen er gemt."))
            return redirect("mentoring:caseworker-match", pk=match.pk)
    return render(
        request,
        "mentoring/caseworker/agreement_form.html",
        {"form": form, "match": match, "renews": renews},
    )


@require_http_methods(["GET", "POST"])
def youth_wish(request, youth_pk):
    """When the young person can meet a mentor (shown to mentors, without the name)."""
    youth = get_youth_for_user_or_404(request, youth_pk, purpose="Sagsbehandler: mentorønske")
    if not permissions.can_set_meeting_times(request.user, youth):
        record(request, Action.DENIED, youth, purpose="Sagsbehandler: mentorønske, ikke ejer")
        raise Http404
    wish = YouthMentorWish.objects.filter(youth=youth).first()
    form = YouthWishForm(
        request.POST or None, initial={"availability": wish.availability if wish else []}
    )
    if request.method == "POST" and form.is_valid():
        YouthMentorWish.objects.update_or_create(
            youth=youth, defaults={"availability": form.cleaned_data["availability"]}
        )
        messages.success(request, _("Tiderne er gemt."))
        return redirect("mentoring:caseworker-youth-wish", youth_pk=youth.pk)
    matches = Match.objects.filter(youth=youth).select_related("mentor__user")
    return render(
        request,
        "mentoring/caseworker/youth_wish.html",
        {"form": form, "youth": youth, "matches": matches, "alias": alias_for(youth.pk)},
    )
