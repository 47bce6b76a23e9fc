"""Caseworkers' pages for young people: lists, name search, profiles and consent.

Every profile comes from ``YouthProfile.objects.visible_to`` (lists) or
``get_youth_for_user_or_404`` (one profile), and every view or search is access-logged.
"""

import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.roles import roles_of
from ressourcebank.audit.log import Action, record, record_ids, record_many
from ressourcebank.core.db import planned_for_their_parameters

from . import permissions, services
from .filters import YouthFilter
from .forms import ConsentForm, ConsentWithdrawForm, NameSearchForm, YouthProfileForm
from .models import Consent, YouthProfile, get_youth_for_user_or_404
from .selectors import (
    EXPIRING_CAP,
    ListPaginator,
    expiring_consent_count,
    expiring_consents,
    list_ids,
    name_search,
    table_rows,
)

PAGE_SIZE = 25
SEARCH_SESSION_KEY = "youth_searches"
SEARCHES_KEPT = 5

LIST_TITLES = {
    "mine": gettext_lazy("Mine unge"),
    "department": gettext_lazy("Min afdelings unge"),
    "shared": gettext_lazy("Unge delt med min afdeling"),
    "all": gettext_lazy("Alle unge"),
}


def _list(request, scope: str):
    if scope == "all" and Role.COORDINATOR not in roles_of(request.user).roles:
        raise Http404
    ids = list_ids(request.user, scope, request.GET)
    paginator = ListPaginator(ids, PAGE_SIZE, user=request.user)
    page = paginator.get_page(request.GET.get("side"))
    shown = [row["pk"] for row in page.object_list]
    record_ids(request, Action.VIEW, YouthProfile, shown, purpose="Liste over unge")
    return render(
        request,
        "youth/list.html",
        {
            "scope": scope,
            "title": str(LIST_TITLES[scope]),
            # For the filter form only: the list came from list_ids. Unbound without a query
            # string, so that no form is built when the rendered one is cached.
            "filter": YouthFilter(request.GET or None, YouthProfile.objects.none()),
            "page": page,
            "expiring_count": expiring_consent_count(request.user),
            "expiring_cap": EXPIRING_CAP,
        },
    )


@require_safe
def youth_list_mine(request):
    return _list(request, "mine")


@require_safe
def youth_list_department(request):
    return _list(request, "department")


@require_safe
def youth_list_shared(request):
    return _list(request, "shared")


@require_safe
def youth_list_all(request):
    return _list(request, "all")


@require_http_methods(["GET", "POST"])
def search(request):
    """Names are posted, never put in a URL: the results page has an opaque token."""
    form = NameSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = secrets.token_urlsafe(12)
        searches = request.session.get(SEARCH_SESSION_KEY, {})
        searches[token] = form.cleaned_data["q"]
        request.session[SEARCH_SESSION_KEY] = dict(list(searches.items())[-SEARCHES_KEPT:])
        return redirect("youth:search-results", token=token)
    return render(request, "youth/search.html", {"form": form})


@require_safe
def search_results(request, token):
    query = request.session.get(SEARCH_SESSION_KEY, {}).get(token)
    if query is None:
        messages.info(request, _("Søgningen er udløbet. Søg igen."))
        return redirect("youth:search")
    with planned_for_their_parameters():  # a plan kept for one name may not suit the next
        page = Paginator(name_search(request.user, query), PAGE_SIZE).get_page(
            request.GET.get("side")
        )
        page.object_list = table_rows(page.object_list)
    if page.object_list:
        ids = [row["pk"] for row in page.object_list]
        record_ids(request, Action.SEARCH, YouthProfile, ids, purpose="Navnesøgning")
    else:
        record(request, Action.SEARCH, object_type="youth.youthprofile", purpose="Navnesøgning")
    form = NameSearchForm(initial={"q": query})
    return render(
        request, "youth/search.html", {"form": form, "page": page, "query": query, "done": True}
    )


@require_safe
def consents_expiring(request):
    consents = list(expiring_consents(request.user)[:200])
    record_many(
        request,
        Action.VIEW,
        list({c.youth_id: c.youth for c in consents}.values()),
        purpose="Samtykker der udløber",
    )
    return render(request, "youth/consents_expiring.html", {"consents": consents})


@require_http_methods(["GET", "POST"])
def youth_create(request):
    form = YouthProfileForm(
        request.POST or None, user=request.user, initial={"caseworker": request.user}
    )
    if request.method == "POST" and form.is_valid():
        profile = services.youth_create(actor=request.user, **form.cleaned_data)
        record(request, Action.CREATE, profile, purpose="Oprettelse af profil")
        messages.success(request, _("Profilen er oprettet. Registrér nu den unges samtykker."))
        return redirect("youth:detail", pk=profile.pk)
    return render(request, "youth/form.html", {"form": form, "profile": None})


@require_http_methods(["GET", "POST"])
def youth_edit(request, pk):
    profile = get_youth_for_user_or_404(request, pk, purpose="Redigering af profil")
    if not permissions.can_edit_profile(request.user, profile):
        raise Http404
    form = YouthProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.youth_update(profile=profile, actor=request.user, **form.cleaned_data)
        record(request, Action.UPDATE, profile, purpose="Redigering af profil")
        messages.success(request, _("Profilen er gemt."))
        return redirect("youth:detail", pk=profile.pk)
    return render(request, "youth/form.html", {"form": form, "profile": profile})


@require_safe
def youth_detail(request, pk):
    profile = get_youth_for_user_or_404(request, pk, purpose="Visning af profil")
    consents = profile.consents.select_related("department", "recorded_by", "withdrawn_by")
    referrals = profile.referrals.select_related("offer__organisation", "referred_by")
    user = request.user
    return render(
        request,
        "youth/detail.html",
        {
            "profile": profile,
            "consents": consents,
            "referrals": referrals,
            "can_edit": permissions.can_edit_profile(user, profile),
            "can_manage_consent": permissions.can_manage_consent(user, profile),
            "can_refer": permissions.can_refer(user, profile),
            "can_export": permissions.can_export(user, profile),
            "can_erase": permissions.can_erase(user, profile),
        },
    )


@require_http_methods(["GET", "POST"])
def consent_create(request, pk):
    profile = get_youth_for_user_or_404(request, pk, purpose="Registrering af samtykke")
    if not permissions.can_manage_consent(request.user, profile):
        raise Http404
    form = ConsentForm(request.POST or None, youth=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_register(youth=profile, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            record(request, Action.UPDATE, profile, purpose="Registrering af samtykke")
            messages.success(request, _("Samtykket er registreret."))
            return redirect("youth:detail", pk=profile.pk)
    return render(
        request,
        "youth/consent_form.html",
        {"form": form, "profile": profile, "threshold": settings.CONSENT_AGE_THRESHOLD},
    )


@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk):
    # A consent is reached through its profile's scope: the same 404 as for the profile.
    youth_id = Consent.objects.filter(pk=pk).values_list("youth_id", flat=True).first()
    if youth_id is None:
        raise Http404
    profile = get_youth_for_user_or_404(request, youth_id, purpose="Tilbagetrækning af samtykke")
    if not permissions.can_manage_consent(request.user, profile):
        raise Http404
    consent = profile.consents.select_related("department").get(pk=pk)
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.consent_withdraw(
            consent=consent, actor=request.user, party=form.cleaned_data["party"]
        ):
            record(request, Action.UPDATE, profile, purpose="Tilbagetrækning af samtykke")
            messages.success(request, _("Samtykket er trukket tilbage og gælder ikke længere."))
        else:
            messages.info(request, _("Samtykket var allerede trukket tilbage."))
        return redirect("youth:detail", pk=profile.pk)
    return render(
        request,
        "youth/consent_withdraw.html",
        {"form": form, "profile": profile, "consent": consent},
    )
