"""Reads: the catalogue search and the one access path to each object outside the public view."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.roles import roles_of
from ressourcebank.audit.log import Action, record

from .models import ClassVisitRequest, Offer, Organisation, OrganisationMember

MAX_SEARCH_WORDS = 8
MIN_TRIGRAM_LENGTH = 4
SCHOOL_DEPARTMENT_SLUG = "skole"


def search_words(text: str) -> list[str]:
    """Letters and digits only, so the words are safe inside a raw tsquery."""
    return re.findall(r"[^\W_]+", text.lower())[:MAX_SEARCH_WORDS]


def offers_search(queryset: QuerySet, text: str) -> QuerySet:
    """Danish full-text search, combined with prefix and trigram matching.

    Stemming finds inflections ("musikskolen" → musikskol), prefixes find compounds
    ("guitar" → guitarundervisning), and trigrams catch what the stemmer splits differently
    ("teatret" vs "teater") and typos ("bibliotk"). Annotates ``relevance``.
    """
    words = search_words(text)
    if not words:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    phrase = " ".join(words)
    tsquery = SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config="danish"
    )
    matches = Q(search_vector=tsquery)
    if len(phrase) >= MIN_TRIGRAM_LENGTH:  # trigrams of "og" or "ud" match almost anything
        # `%>` uses the trigram index, with the threshold set in offers/apps.py.
        matches |= Q(title__trigram_word_similar=phrase) | Q(
            organisation__in=Organisation.objects.filter(name__trigram_word_similar=phrase)
        )
    return queryset.filter(matches).annotate(
        relevance=Coalesce(SearchRank(F("search_vector"), tsquery), 0.0)
        + Greatest(
            TrigramWordSimilarity(phrase, "title"),
            TrigramWordSimilarity(phrase, "organisation__name") * 0.5,
        )
    )


def _deny(request, model, pk) -> Http404:
    """404 either way; a row in the access log when the object exists but is not theirs."""
    if model.objects.filter(pk=pk).exists():
        record(request, Action.DENIED, model(pk=pk), purpose="Forsøg på at åbne andres data")
    return Http404()


def membership_or_404(request, organisation_id: int) -> OrganisationMember:
    membership = (
        OrganisationMember.objects.select_related("organisation")
        .filter(user=request.user, organisation_id=organisation_id)
        .first()
    )
    if membership is None:
        raise _deny(request, Organisation, organisation_id)
    return membership


def member_offer_or_404(request, offer_id: int) -> tuple[Offer, OrganisationMember]:
    """An offer of one of the user's own organisations, with the user's membership."""
    offer = (
        Offer.objects.of_member(request.user)
        .select_related("organisation", "postcode")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise _deny(request, Offer, offer_id)
    membership = OrganisationMember.objects.get(
        user=request.user, organisation_id=offer.organisation_id
    )
    return offer, membership


def offer_for_viewer_or_404(request, offer_id: int) -> Offer:
    """Published offers for anyone; drafts and paused offers for the organisation's members
    and coordinators."""
    visible = Offer.objects.published()
    user = request.user
    if Role.COORDINATOR in roles_of(user).roles:
        visible = Offer.objects.all()
    elif user.is_authenticated:
        visible = Offer.objects.filter(
            Q(pk__in=visible.values("pk")) | Q(organisation__memberships__user=user)
        )
    offer = (
        visible.select_related("organisation", "postcode__area").filter(pk=offer_id).first()
    )
    if offer is None:
        raise _deny(request, Offer, offer_id)
    return offer


def class_visits_visible_to(user) -> QuerySet:
    """The requester's own requests and the requests to the user's organisations' offers."""
    if not getattr(user, "is_authenticated", False):
        return ClassVisitRequest.objects.none()
    return ClassVisitRequest.objects.filter(
        Q(requested_by=user) | Q(offer__organisation__memberships__user=user)
    ).distinct()


def class_visit_or_404(request, visit_id) -> ClassVisitRequest:
    visit = (
        class_visits_visible_to(request.user)
        .select_related("offer__organisation", "requested_by", "answered_by")
        .filter(pk=visit_id)
        .first()
    )
    if visit is None:
        raise _deny(request, ClassVisitRequest, visit_id)
    return visit


def is_school_caseworker(user) -> bool:
    return user.role_assignments.filter(
        role=Role.CASEWORKER, department__slug=SCHOOL_DEPARTMENT_SLUG
    ).exists()
