"""The coordinator's mentor tools: vetting checklist, status, børneattester, matching board."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ressourcebank.audit.log import Action, record, record_many
from youth.models import AgeBand

from . import selectors, services
from .choices import OPEN_MATCH_STATUSES, REQUIRED_FOR_APPROVAL, MentorStatus, VettingKind
from .forms import MentorStatusForm, VettingItemForm
from .matching import optimal_assignment, score
from .models import Mentor
from .pseudonyms import alias_for

PAGE_SIZE = 50


@require_safe
def mentor_list(request):
    status = request.GET.get("status", "")
    mentors = (
        Mentor.objects.select_related("user", "postcode__area")
        .annotate(
            done=Count("vetting_items", filter=Q(vetting_items__kind__in=REQUIRED_FOR_APPROVAL)),
            open_count=Count("matches", filter=Q(matches__status__in=OPEN_MATCH_STATUSES)),
        )
        .order_by("status", "user__first_name", "user__last_name")
    )
    if status in MentorStatus.values:
        mentors = mentors.filter(status=status)
    page = Paginator(mentors, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "mentoring/coordinator/mentor_list.html",
        {
            "page": page,
            "status": status,
            "statuses": MentorStatus.choices,
            "required": len(REQUIRED_FOR_APPROVAL),
        },
    )


def _mentor_context(mentor, **extra):
    items = {item.kind: item for item in mentor.vetting_items.select_related("recorded_by")}
    checklist = [
        {"kind": kind, "label": label, "item": items.get(kind)}
        for kind, label in VettingKind.choices
    ]
    context = {
        "mentor": mentor,
        "checklist": checklist,
        "vetting_form": VettingItemForm(initial={"done_on": timezone.localdate()}),
        "status_form": MentorStatusForm(),
        "missing": services.missing_for_approval(mentor),
        "matches": mentor.matches.all(),
    }
    context.update(extra)
    return context


@require_safe
def mentor_detail(request, pk):
    mentor = get_object_or_404(Mentor.objects.select_related("user", "postcode__area"), pk=pk)
    record(request, Action.VIEW, mentor, purpose="Koordinator: mentorprofil")
    return render(request, "mentoring/coordinator/mentor_detail.html", _mentor_context(mentor))


@require_POST
def vetting_record(request, pk):
    mentor = get_object_or_404(Mentor.objects.select_related("user", "postcode__area"), pk=pk)
    form = VettingItemForm(request.POST)
    if form.is_valid():
        try:
            services.vetting_record(request=request, mentor=mentor, **form.cleaned_data)
        except services.MentoringError as error:
            form.add_error(
                "valid_until"
                if form.cleaned_data["kind"] == VettingKind.CHILD_CERTIFICATE
                else None,
                str(error),
            )
        else:
            messages.success(request, _("Punktet er registreret."))
            return redirect("coordinator-mentors:detail", pk=mentor.pk)
    context = _mentor_context(mentor, vetting_form=form)
    return render(request, "mentoring/coordinator/mentor_detail.html", context, status=400)


@require_POST
def set_status(request, pk):
    mentor = get_object_or_404(Mentor.objects.select_related("user", "postcode__area"), pk=pk)
    form = MentorStatusForm(request.POST)
    if form.is_valid():
        try:
            services.mentor_set_status(
                request=request, mentor=mentor, status=form.cleaned_data["status"]
            )
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Status er ændret, og mentoren har fået besked."))
            return redirect("coordinator-mentors:detail", pk=mentor.pk)
    context = _mentor_context(mentor, status_form=form)
    return render(request, "mentoring/coordinator/mentor_detail.html", context, status=400)


@require_safe
def expiring_certificates(request):
    mentors = selectors.expiring_certificates()
    return render(
        request,
        "mentoring/coordinator/expiring_certificates.html",
        {
            "mentors": mentors,
            "today": timezone.localdate(),
            "days": selectors.CERTIFICATE_EXPIRY_WINDOW_DAYS,
        },
    )


def _board():
    """The optimal suggestion: (pairs with reasons, young people left waiting, mentors)."""
    selectors.ensure_pseudonyms()
    youths = {y.pk: y for y in selectors.youth_pool()}
    mentors = {m.pk: m for m in selectors.available_mentors() if m.capacity > m.open_count}
    youth_sides = {pk: selectors.youth_side(y) for pk, y in youths.items()}
    mentor_sides = {pk: selectors.mentor_side(m) for pk, m in mentors.items()}

    def points(youth_pk, mentor_pk):
        if youths[youth_pk].age_band == AgeBand.UNDER_15 and not mentors[mentor_pk].certified:
            return None
        return score(mentor_sides[mentor_pk], youth_sides[youth_pk]).points

    capacities = {pk: m.capacity - m.open_count for pk, m in mentors.items()}
    pairs = optimal_assignment(youths, capacities, points)
    suggestions = [
        {
            "listing": selectors.listing_for(youths[y], mentor_sides[m]),
            "mentor": mentors[m],
        }
        for y, m in pairs
    ]
    suggestions.sort(key=lambda s: -s["listing"].score.points)
    paired = {y for y, _m in pairs}
    waiting = [selectors.listing_for(y, None) for pk, y in youths.items() if pk not in paired]
    return suggestions, waiting, list(mentors.values()), list(youths.values())


@require_safe
def board(request):
    suggestions, waiting, mentors, youths = _board()
    record_many(request, Action.VIEW, youths, purpose="Koordinator: matchningstavle")
    total = sum(s["listing"].score.points for s in suggestions)
    return render(
        request,
        "mentoring/coordinator/board.html",
        {"suggestions": suggestions, "waiting": waiting, "mentors": mentors, "total": total},
    )


@require_POST
def propose(request):
    mentor = (
        selectors.available_mentors().filter(pk=request.POST.get("mentor") or None).first()
        if _is_uuid(request.POST.get("mentor"))
        else None
    )
    if not _is_uuid(request.POST.get("alias_id")) or mentor is None:
        raise Http404
    youth = (
        selectors.youth_pool()
        .filter(mentoring_pseudonym__alias_id=request.POST["alias_id"])
        .first()
    )
    if youth is None:
        raise Http404
    reasons = score(selectors.mentor_side(mentor), selectors.youth_side(youth)).text
    services.match_propose(request=request, mentor=mentor, youth=youth, reasons=reasons)
    messages.success(
        request,
        _("%(mentor)s har fået forslaget om %(alias)s på e-mail.")
        % {"mentor": mentor, "alias": alias_for(youth.pk)},
    )
    return redirect("coordinator-mentors:board")


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
