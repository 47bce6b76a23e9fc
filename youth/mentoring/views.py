"""The mentor's pages: applying, the pool of young people, claims and own matches.

Mentor pages get ``Listing`` values from ``selectors``, never a profile, so a template cannot
show a name, school, contact or case detail by mistake. Once a match is active, the mentor
sees the first name and the contact details the young person agreed to share.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ressourcebank.audit.log import Action, record_ids, record_many
from ressourcebank.core.links import link_to
from youth.models import ConsentPurpose, YouthProfile

from . import selectors, services
from .choices import MatchStatus, MentorStatus
from .filters import PoolFilter
from .forms import ClaimForm, ContactForm, MentorApplicationForm
from .models import Match
from .pseudonyms import alias_for

PAGE_SIZE = 20


def mentor_required(*statuses):
    """The view needs a mentor profile in one of ``statuses``; others go to the mentor home."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            mentor = selectors.mentor_for_user(request.user)
            if mentor is None or mentor.status not in statuses:
                messages.info(request, _("Siden er kun for godkendte mentorer."))
                return redirect("mentoring:home")
            return view(request, *args, mentor=mentor, **kwargs)

        return wrapper

    return decorator


approved_mentor_required = mentor_required(MentorStatus.APPROVED)
active_mentor_required = mentor_required(MentorStatus.APPROVED, MentorStatus.PAUSED)


@login_not_required
@require_safe
def home(request):
    mentor = selectors.mentor_for_user(request.user)
    context = {"mentor": mentor}
    if request.user.is_authenticated and mentor is None:
        context["form"] = MentorApplicationForm(
            initial={
                "first_name": request.user.first_name,
                "last_name": request.user.last_name,
                "phone": request.user.phone,
            }
        )
    if mentor is not None and mentor.status in (MentorStatus.APPROVED, MentorStatus.PAUSED):
        context["open_matches"] = Match.objects.filter(
            mentor=mentor, status__in=(MatchStatus.CLAIMED, MatchStatus.ACTIVE)
        ).count()
    return render(request, "mentoring/home.html", context)


def apply(request):
    if selectors.mentor_for_user(request.user) is not None:
        return redirect("mentoring:home")
    form = MentorApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.mentor_apply(user=request.user, **data)
        except services.MentoringError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Tak! Vi har modtaget din ansøgning. Koordinatoren kontakter dig.")
            )
        return redirect("mentoring:home")
    return render(request, "mentoring/apply.html", {"form": form})


@require_safe
@approved_mentor_required
def browse(request, *, mentor):
    everyone = selectors.youth_pool()
    pool = PoolFilter(request.GET or None, queryset=everyone)
    filtered = pool.is_bound and pool.is_valid()
    youths = pool.qs if filtered else everyone
    # Ranked and cut to the page by PostgreSQL; aliases made for the page's rows only.
    query = request.GET.copy()
    query.pop("side", None)
    paginator = selectors.PoolPaginator(
        youths, PAGE_SIZE, mentor=mentor, filters=query.urlencode() if filtered else ""
    )
    page = paginator.get_page(request.GET.get("side"))
    record_ids(
        request,
        Action.VIEW,
        YouthProfile,
        [pk for _listing, pk in page.object_list],
        purpose="Mentor: unge der gerne vil have en mentor",
    )
    link = link_to("mentoring:youth-detail")
    listings = [(listing, link(listing.alias_id)) for listing, _pk in page.object_list]
    return render(
        request,
        "mentoring/browse.html",
        {
            "filter": pool,
            "page": page,
            "listings": listings,
            "certified": mentor.certified,
            "query": query.urlencode(),
        },
    )


@approved_mentor_required
def youth_detail(request, alias_id, *, mentor):
    """One young person of the pool, and the claim form: "Jeg vil gerne være mentor for …"."""
    listing, youth = selectors.get_listing_or_404(request, alias_id, mentor=mentor)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.match_claim(
                request=request, mentor=mentor, youth=youth, message=form.cleaned_data["message"]
            )
        except services.MentoringError as error:
            messages.error(request, str(error))
            return redirect("mentoring:browse")
        messages.success(
            request,
            _("Tak. Den unges sagsbehandler spørger nu den unge og svarer dig."),
        )
        return redirect("mentoring:matches")
    return render(
        request,
        "mentoring/youth_detail.html",
        {"listing": listing, "form": form, "certified": mentor.certified},
    )


@require_safe
@active_mentor_required
def matches(request, *, mentor):
    rows = list(Match.objects.filter(mentor=mentor).order_by("-claimed_at"))
    record_many(
        request,
        Action.VIEW,
        [YouthProfile(pk=m.youth_id) for m in rows],
        purpose="Mentor: egne mentorforløb",
    )
    items = [{"match": m, "alias": alias_for(m.youth_id)} for m in rows]
    return render(request, "mentoring/matches.html", {"items": items})


def _mentor_match_context(match):
    youth = match.youth
    context = {"match": match, "alias": alias_for(youth.pk), "youth": None}
    if match.status == MatchStatus.ACTIVE:
        consent_active = (
            youth.consents.filter(purpose=ConsentPurpose.MENTOR_MATCHING).active().exists()
        )
        # What the young person agreed to share, and only while the consent lasts.
        context["youth"] = {
            "first_name": youth.first_name,
            "age_band": selectors.age_band_label(youth.age_band),
            "area": youth.postcode.area.name,
            "email": youth.email if consent_active and match.share_email else "",
            "phone": youth.phone if consent_active and match.share_phone else "",
        }
        context["contacts"] = match.contacts.all()
        context["agreements"] = match.agreements.all()
    return context


@require_safe
@active_mentor_required
def match_detail(request, pk, *, mentor):
    match = selectors.get_match_for_mentor_or_404(request, pk, mentor=mentor)
    context = _mentor_match_context(match)
    if match.status == MatchStatus.ACTIVE:
        context["contact_form"] = ContactForm()
    return render(request, "mentoring/match_detail.html", context)


@require_POST
@active_mentor_required
def match_contact(request, pk, *, mentor):
    match = selectors.get_match_for_mentor_or_404(request, pk, mentor=mentor)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_log(request=request, match=match, **form.cleaned_data)
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Kontakten er registreret."))
            return redirect("mentoring:match-detail", pk=match.pk)
    context = _mentor_match_context(match)
    context["contact_form"] = form
    return render(request, "mentoring/match_detail.html", context, status=400)


@require_POST
@active_mentor_required
def match_withdraw(request, pk, *, mentor):
    """The mentor takes back an unanswered claim; the young person goes back in the pool."""
    match = selectors.get_match_for_mentor_or_404(request, pk, mentor=mentor)
    try:
        services.match_withdraw_claim(request=request, match=match, mentor=mentor)
    except services.MentoringError as error:
        messages.error(request, str(error))
        return redirect("mentoring:match-detail", pk=match.pk)
    messages.success(request, _("Din anmodning er trukket tilbage."))
    return redirect("mentoring:matches")
