"""Reads: the catalogue search and the one access path to each object outside the public view."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import BooleanField, F, FloatField, Func, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.roles import roles_of
from ressourcebank.audit.log import Action, record
from ressourcebank.core.paginators import CappedPaginator

from .models import ClassVisitRequest, Offer, Organisation, OrganisationMember

MAX_SEARCH_WORDS = 8
MIN_TRIGRAM_LENGTH = 4
SCHOOL_DEPARTMENT_SLUG = "skole"
# Counting stops here: past it, the page says "more than 1.000" and pages no further.
CATALOGUE_CAP = 1000
# Ranking a broad word's every match costs seconds; past this many, the newest are ranked.
RANK_CAP = 200
# Danish inflects by ending ("teatret", "teater"), and the stemmer does not always meet itself
# (teatret → teatr, teater → teat): long words also match the prefix without their last letters.
STEM_TRIM = 3
MIN_TRIMMED_LENGTH = 4
NOT_APPROVED = [s for s in Organisation.Status.values if s != Organisation.Status.APPROVED]


class EqualsAnyArray(Func):
    """``field = ANY(ARRAY(subquery))``. Unlike ``IN (subquery)``, PostgreSQL can use it as an
    index condition, so it joins the text indexes in one BitmapOr."""

    arg_joiner = " = ANY(ARRAY"
    template = "(%(expressions)s))"
    output_field = BooleanField()


def catalogue_offers() -> QuerySet:
    """The same rows as ``Offer.objects.published()``, without joining every organisation: the
    few organisations that are not approved are excluded by id (organisation_status_idx)."""
    return Offer.objects.filter(status=Offer.Status.PUBLISHED).exclude(
        organisation__in=Organisation.objects.filter(status__in=NOT_APPROVED)
    )


def search_words(text: str) -> list[str]:
    """Letters and digits only, so the words are safe inside a raw tsquery."""
    return re.findall(r"[^\W_]+", text.lower())[:MAX_SEARCH_WORDS]


def _tsquery_term(word: str) -> str:
    # Each prefix also as the plain word: the same matches, but PostgreSQL estimates how many
    # rows a plain word matches from the column's statistics (it can't for a prefix), and so
    # picks an index-ordered scan for a common word and the text index for a rare one.
    terms = [f"{word} | {word}:*"]
    trimmed = word[:-STEM_TRIM]
    if len(trimmed) >= MIN_TRIMMED_LENGTH:
        terms.append(f"{trimmed} | {trimmed}:*")
    return "(" + " | ".join(terms) + ")"


def _search_terms(text: str) -> tuple[SearchQuery, str] | None:
    words = search_words(text)
    if not words:
        return None
    tsquery = SearchQuery(
        " & ".join(_tsquery_term(word) for word in words), search_type="raw", config="danish"
    )
    return tsquery, " ".join(words)


def offers_search(queryset: QuerySet, text: str) -> QuerySet:
    """Danish full-text search, combined with prefix and trigram matching.

    Stemming finds inflections ("musikskolen" → musikskol), prefixes find compounds
    ("guitar" → guitarundervisning) and other endings ("teatret" → teat*), and trigrams
    catch typos ("bibliotk") in titles and organisation names. Every branch is an index
    condition (tsvector GIN, title trigram GIN, organisation name trigram GIN →
    organisation_id), so PostgreSQL can find the matches with one BitmapOr; the cheap
    branches come first, so a row the text search finds never computes a similarity.
    Ranking is ``search_relevance``.
    """
    terms = _search_terms(text)
    if terms is None:
        return queryset
    tsquery, phrase = terms
    matches = Q(search_vector=tsquery)
    if len(phrase) >= MIN_TRIGRAM_LENGTH:  # trigrams of "og" or "ud" match almost anything
        # `%>` uses the trigram indexes, with the threshold set in offers/apps.py.
        organisations = Organisation.objects.filter(name__trigram_word_similar=phrase).order_by()
        matches |= Q(
            EqualsAnyArray(F("organisation_id"), Subquery(organisations.values("id")))
        ) | Q(title__trigram_word_similar=phrase)
    return queryset.filter(matches)


def search_relevance(text: str):
    """The rank of a match: full-text rank (title words weigh more) plus the best trigram
    similarity of the title or, at half weight, the organisation's name."""
    terms = _search_terms(text)
    if terms is None:
        return Value(0.0, output_field=FloatField())
    tsquery, phrase = terms
    return Coalesce(SearchRank(F("search_vector"), tsquery), 0.0) + Greatest(
        TrigramWordSimilarity(phrase, "title"),
        TrigramWordSimilarity(phrase, "organisation__name") * 0.5,
    )


CARD_RELATIONS = ("organisation", "postcode__area")


class CataloguePaginator(CappedPaginator):
    """Pages of the catalogue in two queries whatever the size: a capped count and the page's
    rows.

    With ``ranking`` (search text, sorted by relevance) the rows are ranked in the database;
    when more than RANK_CAP match, only the RANK_CAP newest (an index-backed order) are
    ranked, and pages go that far (``ranked_only``).
    """

    def __init__(self, object_list, per_page, *, ranking: str = "", cap: int | None = None):
        super().__init__(object_list, per_page)
        self.cap = CATALOGUE_CAP if cap is None else cap
        self.ranking = ranking

    @property
    def ranked_only(self) -> bool:
        return bool(self.ranking) and self.count > RANK_CAP

    @property
    def shown(self) -> int:
        return min(self.count, RANK_CAP if self.ranked_only else self.cap)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.shown)
        return self._get_page(self._rows()[bottom:top], number, self)

    def _rows(self) -> QuerySet:
        if not self.ranking:
            return self.object_list.select_related(*CARD_RELATIONS)
        rows = self.object_list
        if self.ranked_only:
            newest = rows.order_by("-published_at", "-id").values("pk")[:RANK_CAP]
            rows = Offer.objects.filter(pk__in=newest)
        return (
            rows.select_related(*CARD_RELATIONS)
            .annotate(relevance=search_relevance(self.ranking))
            .order_by("-relevance", "-published_at", "-id")
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
