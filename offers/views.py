"""The public catalogue, offer and organisation pages, open data, and schools' class visits."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ressourcebank.core import fragments
from ressourcebank.core.db import planned_for_their_parameters
from ressourcebank.core.labels import Labels

from . import opendata, services
from .filters import OfferFilter
from .forms import ClassVisitRequestForm
from .freshness import CATALOGUE_TIMEOUT, CATALOGUE_VERSION
from .models import Offer, Organisation
from .selectors import (
    RANK_CAP,
    CataloguePaginator,
    catalogue_offers,
    class_visit_or_404,
    class_visits_visible_to,
    is_school_caseworker,
    offer_for_viewer_or_404,
)
from .templatetags.offers_tags import kroner
from .text import description_text

PAGE_SIZE = 20
CATEGORY_LABELS = Labels(Offer.Category.choices)
RESOURCE_TYPE_LABELS = Labels(Offer.ResourceType.choices)
KIND_LABELS = Labels(Offer.Kind.choices)
TRANSPORT_LABELS = Labels(Offer.Transport.choices)


@login_not_required
@require_safe
def catalogue(request):
    """The results are the same for everyone who asks the same, so their HTML is cached."""
    results = fragments.cached_html(
        fragments.key("catalogue", get_language(), request.GET.urlencode()),
        lambda: _catalogue_results(request),
        version_key=CATALOGUE_VERSION,
        timeout=CATALOGUE_TIMEOUT,
    )
    return render(request, "offers/catalogue.html", {"results": results})


def _catalogue_results(request) -> str:
    # The search's queries run while the results render.
    with planned_for_their_parameters():
        return render_to_string(
            "offers/_catalogue_results.html", catalogue_context(request), request
        )


def catalogue_context(request) -> dict:
    filterset = OfferFilter(request.GET or None, queryset=catalogue_offers())
    paginator = CataloguePaginator(filterset.qs, PAGE_SIZE, ranking=filterset.ranking)
    page = paginator.get_page(request.GET.get("side"))
    return {
        "form": filterset.form,
        "page": page,
        "cards": offer_cards(page.object_list),
        "cap": number_format(paginator.cap, force_grouping=True),
        "rank_cap": RANK_CAP,
    }


def _age(offer) -> str:
    # The same texts as offers/_age.html.
    low, high = offer.min_age, offer.max_age
    if low is not None and high is not None:
        return _("%(min)s–%(max)s år") % {"min": low, "max": high}
    if low is not None:
        return _("fra %(min)s år") % {"min": low}
    return _("op til %(max)s år") % {"max": high}


def offer_cards(offers) -> list[dict]:
    """What offers/_offer_card.html shows, worked out in Python for a page of offers.

    ``get_FOO_display`` rebuilds and hashes the translated choices on every call, and each
    ``{% include %}`` and ``{% blocktranslate %}`` in a loop adds up: about half the page's
    time at 20 cards. Here the labels come translated (``core.labels``).
    """
    category = CATEGORY_LABELS.active()
    resource_type = RESOURCE_TYPE_LABELS.active()
    kind = KIND_LABELS.active()
    transport = TRANSPORT_LABELS.active()
    free, fritidspas, full, schools = (
        _("Gratis"),
        _("Fritidspas"),
        _("Fuldt booket"),
        _("Kommer ud på skolen"),
    )
    cards = []
    for offer in offers:
        tags = [category.get(offer.category, offer.category)]
        if offer.kind == Offer.Kind.RESOURCE:
            tags.append(resource_type.get(offer.resource_type) or kind[offer.kind])
        tags.append(free if offer.price == 0 else kroner(offer.price))
        if offer.fritidspas:
            tags.append(fritidspas)
        if offer.min_age is not None or offer.max_age is not None:
            tags.append(_age(offer))
        if offer.is_full:
            tags.append(full)
        elif offer.capacity is not None:
            left = offer.spots_left
            tags.append(
                ngettext("%(counter)s ledig plads", "%(counter)s ledige pladser", left)
                % {"counter": left}
            )
        if offer.comes_to_schools:
            tags.append(schools)
        if offer.transport != Offer.Transport.NONE:
            tags.append(transport.get(offer.transport, offer.transport))
        cards.append(
            {
                "offer": offer,
                "url": reverse("offers:offer-detail", args=[offer.pk]),
                "summary": Truncator(description_text(offer.description)).words(30, truncate=" …"),
                "tags": tags,
            }
        )
    return cards


@login_not_required
@require_safe
def offer_detail(request, pk: int):
    offer = offer_for_viewer_or_404(request, pk)
    may_request_visit = (
        offer.status == Offer.Status.PUBLISHED
        and request.user.is_authenticated
        and is_school_caseworker(request.user)
    )
    return render(
        request,
        "offers/offer_detail.html",
        {"offer": offer, "may_request_visit": may_request_visit},
    )


@login_not_required
@require_safe
def organisation_detail(request, pk: int):
    organisation = Organisation.objects.filter(pk=pk, status=Organisation.Status.APPROVED).first()
    if organisation is None:
        raise Http404
    offers = (
        Offer.objects.published()
        .filter(organisation=organisation)
        .select_related("organisation", "postcode__area")
        .order_by("title")
    )
    return render(
        request,
        "organisations/public_detail.html",
        {"organisation": organisation, "cards": offer_cards(offers)},
    )


@login_not_required
@require_safe
def hsds(request):
    document = opendata.hsds_document(request)
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


class _Echo:
    def write(self, value):
        return value


def _csv_safe(value):
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_not_required
@require_safe
def export_csv(request):
    writer = csv.writer(_Echo(), delimiter=";")
    rows = (
        writer.writerow([_csv_safe(cell) for cell in row]) for row in opendata.csv_rows(request)
    )
    response = StreamingHttpResponse(_with_bom(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ressourcebanken-tilbud.csv"'
    return response


def _with_bom(rows):
    yield "\ufeff"  # so spreadsheet programs read the Danish letters as UTF-8
    yield from rows


# -- class visits, seen from the school --------------------------------------------------------


def _school_caseworker_or_403(request):
    if not is_school_caseworker(request.user):
        raise PermissionDenied(_("Kun medarbejdere i Skole kan ønske klassebesøg."))


def class_visit_request(request, pk: int):
    offer = offer_for_viewer_or_404(request, pk)
    if offer.status != Offer.Status.PUBLISHED:
        raise Http404
    _school_caseworker_or_403(request)
    form = ClassVisitRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = services.class_visit_request(request=request, offer=offer, visit=form.instance)
        messages.success(
            request,
            _("Jeres ønske er sendt til %(organisation)s.")
            % {"organisation": offer.organisation.name},
        )
        return redirect("offers:class-visit-detail", pk=visit.pk)
    return render(request, "offers/class_visit_request.html", {"offer": offer, "form": form})


@require_safe
def class_visits(request):
    visits = (
        class_visits_visible_to(request.user)
        .filter(requested_by=request.user)
        .select_related("offer__organisation")
    )
    page = Paginator(visits, 50).get_page(request.GET.get("side"))
    return render(request, "offers/class_visits.html", {"page": page})


@require_safe
def class_visit_detail(request, pk):
    visit = class_visit_or_404(request, pk)
    if visit.requested_by_id != request.user.pk:
        raise Http404
    return render(request, "offers/class_visit_detail.html", {"visit": visit})


@require_POST
def class_visit_cancel(request, pk):
    visit = class_visit_or_404(request, pk)
    if visit.requested_by_id != request.user.pk:
        raise Http404
    try:
        services.class_visit_cancel(request=request, visit_id=visit.pk)
    except services.AlreadyAnswered:
        messages.error(request, _("Ønsket kan ikke trækkes tilbage længere."))
    else:
        messages.success(request, _("Ønsket er trukket tilbage."))
    return redirect("offers:class-visit-detail", pk=visit.pk)
