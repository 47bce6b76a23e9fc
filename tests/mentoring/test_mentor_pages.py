"""The mentor's pages: pseudonymised pool, the 404 matrix, access log, pinned query counts."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import Role
from ressourcebank.accounts.services import role_grant
from ressourcebank.audit.models import AccessLog
from tests.factories import login, make_department, make_user
from youth.mentoring.choices import MatchStatus
from youth.mentoring.models import Contact, Match, YouthPseudonym
from youth.mentoring.pseudonyms import alias_for
from youth.mentoring.selectors import ensure_pseudonyms, mentor_for_user

from .factories import make_match, make_mentor, make_youth, postcode

SCHOOL_TEXT = "Randers Realskole"
QUERIES = 8


def alias_id(youth):
    ensure_pseudonyms()
    return YouthPseudonym.objects.get(youth=youth).alias_id


@pytest.fixture
def mentor(db):
    return make_mentor(interests=["musik", "teater"], languages=["dansk", "arabisk"])


@pytest.fixture
def mentor_client(client, mentor):
    login(client, mentor.user, mfa=False)
    return client


def secrets_of(youth):
    """Text that must never reach a mentor page before the young person said yes."""
    return [
        youth.first_name,
        youth.surname,
        youth.email,
        youth.phone,
        str(youth.pk),
        SCHOOL_TEXT,
        "I skole",  # the situation: case detail
        youth.department.name,
    ]


def assert_hidden(response, youth):
    html = response.content.decode()
    for secret in secrets_of(youth):
        assert secret not in html, f"{secret!r} shown on {response.request['PATH_INFO']}"


@pytest.mark.django_db
def test_browse_shows_pseudonymised_young_people_ranked_with_reasons(mentor_client, skole):
    near = make_youth(
        skole,
        interests=["musik", "teater"],
        languages=["dansk", "arabisk"],
        wishes="Jeg vil gerne spille musik.",
        availability=["tir-eftermiddag"],
    )
    far = make_youth(
        skole,
        interests=["natur"],
        languages=["engelsk"],
        postcode=postcode("8970", "Nordlandet"),
    )
    response = mentor_client.get(reverse("mentoring:browse"))
    assert response.status_code == 200
    html = response.content.decode()
    assert alias_for(near.pk) in html and alias_for(far.pk) in html
    assert html.index(alias_for(near.pk)) < html.index(alias_for(far.pk))
    assert "2 fælles interesser · samme område · dansk og arabisk" in html
    assert "Nordlandet" in html  # the district, never an address
    for youth in (near, far):
        assert_hidden(response, youth)
        assert str(alias_id(youth)) in html


@pytest.mark.django_db
def test_no_name_contact_or_school_on_any_mentor_page(mentor_client, mentor, skole):
    youth = make_youth(skole, wishes="Jeg vil gerne have hjælp til matematik.")
    other = make_youth(skole)
    claimed = make_match(other, mentor)
    pages = [
        reverse("mentoring:home"),
        reverse("mentoring:browse"),
        reverse("mentoring:youth-detail", args=[alias_id(youth)]),
        reverse("mentoring:matches"),
        reverse("mentoring:match-detail", args=[claimed.pk]),
    ]
    for url in pages:
        response = mentor_client.get(url)
        assert response.status_code == 200, url
        assert_hidden(response, youth)
        assert_hidden(response, other)


@pytest.mark.django_db
def test_after_approval_the_mentor_sees_first_name_and_shared_contact_only(
    mentor_client, mentor, skole
):
    youth = make_youth(skole)
    match = make_match(
        youth,
        mentor,
        status=MatchStatus.ACTIVE,
        share_phone=True,
        share_email=False,
        youth_agreed_on=timezone.localdate(),
    )
    html = mentor_client.get(reverse("mentoring:match-detail", args=[match.pk])).content.decode()
    assert youth.first_name in html
    assert youth.phone in html
    assert youth.email not in html
    assert youth.surname not in html
    assert "I skole" not in html


@pytest.mark.django_db
def test_contact_shown_only_while_consent_is_active(mentor_client, mentor, skole):
    youth = make_youth(skole)
    match = make_match(youth, mentor, status=MatchStatus.ACTIVE, share_phone=True)
    youth.consents.update(withdrawn_at=timezone.now())
    html = mentor_client.get(reverse("mentoring:match-detail", args=[match.pk])).content.decode()
    assert youth.phone not in html


@pytest.mark.django_db
def test_mentor_404_matrix(mentor_client, mentor, skole):
    without_consent = make_youth(skole, consent=False)
    claimed_by_other = make_youth(skole)
    other_match = make_match(claimed_by_other, make_mentor(), status=MatchStatus.ACTIVE)
    not_found = [
        # A young person outside the pool: no consent, or already claimed.
        reverse("mentoring:youth-detail", args=[alias_id(without_consent)]),
        reverse("mentoring:youth-detail", args=[alias_id(claimed_by_other)]),
        # Another mentor's match, and logging a contact in it.
        reverse("mentoring:match-detail", args=[other_match.pk]),
        # A profile UUID where an alias id belongs does not open anything.
        reverse("mentoring:youth-detail", args=[without_consent.pk]),
    ]
    for url in not_found:
        assert mentor_client.get(url).status_code == 404, url
    response = mentor_client.post(
        reverse("mentoring:match-contact", args=[other_match.pk]),
        {"happened_on": "2026-01-01", "minutes": 30, "kind": "meeting"},
    )
    assert response.status_code == 404
    assert not Contact.objects.exists()
    # Full profiles and the caseworker's pages are not the mentor's at all.
    forbidden = [
        reverse("mentoring:caseworker-match", args=[other_match.pk]),
        reverse("mentoring:caseworker-matches"),
        reverse("mentoring:caseworker-youth-wish", args=[without_consent.pk]),
        reverse("coordinator-mentors:board"),
    ]
    for url in forbidden:
        assert mentor_client.get(url).status_code == 403, url
    denied = AccessLog.objects.filter(action="denied").values_list("object_id", flat=True)
    assert {str(without_consent.pk), str(claimed_by_other.pk)} <= set(denied)


@pytest.mark.django_db
def test_a_later_mentor_never_sees_an_earlier_mentors_notes(client, skole):
    youth = make_youth(skole)
    first = make_match(youth, make_mentor(), status=MatchStatus.CLOSED, wants_new_mentor=True)
    Contact.objects.create(
        match=first, happened_on=timezone.localdate(), minutes=60, kind="meeting", note="Hemmelig"
    )
    later_mentor = make_mentor()
    second = make_match(youth, later_mentor, status=MatchStatus.ACTIVE)
    login(client, later_mentor.user, mfa=False)
    html = client.get(reverse("mentoring:match-detail", args=[second.pk])).content.decode()
    assert "Hemmelig" not in html
    assert client.get(reverse("mentoring:match-detail", args=[first.pk])).status_code == 404


@pytest.mark.django_db
def test_browse_writes_access_log_rows(mentor_client, skole):
    youths = [make_youth(skole) for _ in range(3)]
    mentor_client.get(reverse("mentoring:browse"))
    logged = set(
        AccessLog.objects.filter(action="view", object_type="youth.youthprofile").values_list(
            "object_id", flat=True
        )
    )
    assert logged == {str(y.pk) for y in youths}


def clear_caches():
    cache.clear()
    caches["local"].clear()


@pytest.mark.django_db
def test_browse_query_count_is_constant(mentor_client, skole, assert_num_queries):
    make_youth(skole)
    # User, roles, mentor with their certificate, the pool's count, the page's rows ranked,
    # aliases for them, access log, areas for the filter: the same for 1 as for 8 young
    # people (the count and the order are then kept in the shared cache).
    clear_caches()
    with assert_num_queries(QUERIES):
        assert mentor_client.get(reverse("mentoring:browse")).status_code == 200
    for _ in range(7):
        make_youth(skole, availability=["man-aften"])
    clear_caches()
    with assert_num_queries(QUERIES):
        assert mentor_client.get(reverse("mentoring:browse")).status_code == 200
    # Cached: the count and the order (with the aliases) from the shared cache instead of
    # counted, ranked and given aliases (the rows are read through the pool's filter), and
    # the form from memory instead of its areas read.
    with assert_num_queries(QUERIES - 3):
        assert mentor_client.get(reverse("mentoring:browse")).status_code == 200


@pytest.mark.django_db
def test_browse_filters(mentor_client, skole):
    music = make_youth(skole, interests=["musik"], languages=["Arabisk"])
    nature = make_youth(skole, interests=["natur"], age=13, postcode=postcode("8970", "Nordland"))

    def aliases(**params):
        html = mentor_client.get(reverse("mentoring:browse"), params).content.decode()
        return {y for y in (music, nature) if alias_for(y.pk) in html}

    assert aliases(interest="natur") == {nature}
    assert aliases(language="arabisk") == {music}
    assert aliases(age_band="under-15") == {nature}
    assert aliases(area=nature.postcode.area_id) == {nature}
    assert aliases(age_band="findes-ikke") == {music, nature}  # a bad filter is ignored


@pytest.mark.django_db
def test_claim_through_the_page(mentor_client, mentor, skole):
    youth = make_youth(skole)
    url = reverse("mentoring:youth-detail", args=[alias_id(youth)])
    assert mentor_client.post(url, {"message": ""}).status_code == 200  # error at the field
    assert not Match.objects.exists()
    response = mentor_client.post(url, {"message": "Jeg spiller også guitar."})
    assert response.status_code == 302
    assert Match.objects.get().mentor == mentor
    # The young person has left the pool: the page is gone for others too.
    assert mentor_client.get(url).status_code == 404


@pytest.mark.django_db
def test_mentor_without_certificate_sees_no_claim_form_for_under_15(client, skole):
    mentor = make_mentor(certificate=False)
    youth = make_youth(skole, age=12)
    login(client, mentor.user, mfa=False)
    url = reverse("mentoring:youth-detail", args=[alias_id(youth)])
    html = client.get(url).content.decode()
    assert "gyldig børneattest" in html
    assert 'name="message"' not in html
    client.post(url, {"message": "Hej"})
    assert not Match.objects.exists()


@pytest.mark.django_db
def test_mentor_role_without_approved_profile_is_sent_home(client):
    mentor = make_mentor(status="paused")
    role_grant(user=mentor.user, role=Role.MENTOR)
    login(client, mentor.user, mfa=False)
    response = client.get(reverse("mentoring:browse"))
    assert response.status_code == 302 and response.url == reverse("mentoring:home")


@pytest.mark.django_db
def test_wrong_method(mentor_client, mentor, skole):
    match = make_match(make_youth(skole), mentor, status=MatchStatus.ACTIVE)
    assert mentor_client.post(reverse("mentoring:browse")).status_code == 405
    assert mentor_client.get(reverse("mentoring:match-contact", args=[match.pk])).status_code == 405


@pytest.mark.django_db
def test_contact_log_refuses_cpr_numbers(mentor_client, mentor, skole):
    match = make_match(make_youth(skole), mentor, status=MatchStatus.ACTIVE)
    url = reverse("mentoring:match-contact", args=[match.pk])
    data = {"happened_on": timezone.localdate().isoformat(), "minutes": 45, "kind": "meeting"}
    response = mentor_client.post(url, {**data, "note": "Hans cpr er 010203-1234"})
    assert response.status_code == 400
    assert "CPR-numre må ikke gemmes" in response.content.decode()
    assert not Contact.objects.exists()
    assert mentor_client.post(url, {**data, "note": "Gik en tur"}).status_code == 302
    assert Contact.objects.get().note == "Gik en tur"


@pytest.mark.django_db
def test_other_department_young_people_are_in_the_pool_only_by_consent(mentor_client):
    jobcenter = make_department("Jobcenter")
    with_consent = make_youth(jobcenter)
    without = make_youth(jobcenter, consent=False)
    html = mentor_client.get(reverse("mentoring:browse")).content.decode()
    assert alias_for(with_consent.pk) in html
    assert alias_for(without.pk) not in html


@pytest.mark.django_db
def test_the_certificate_hint_follows_the_mentors_certificate(client, skole):
    """Under 15 needs a valid børneattest: the pages say so to a mentor without one, and only
    to them (the certificate is read with the mentor, in the same query)."""
    youth = make_youth(skole, age=13)
    hint = "Kræver en gyldig børneattest (under 15 år)."
    detail_hint = "Du skal have en gyldig børneattest, før du kan vise interesse."
    expired = timezone.localdate() - datetime.timedelta(days=1)
    for mentor, shown in [
        (make_mentor(certificate=False), True),
        (make_mentor(certificate_valid_until=expired), True),
        (make_mentor(), False),
    ]:
        login(client, mentor.user, mfa=False)
        browse = client.get(reverse("mentoring:browse")).content.decode()
        detail = client.get(reverse("mentoring:youth-detail", args=[alias_id(youth)]))
        assert (hint in browse, detail_hint in detail.content.decode()) == (shown, shown)


@pytest.mark.django_db
def test_a_listing_card_in_both_languages(mentor_client, skole):
    make_youth(
        skole, interests=["musik"], languages=["dansk"], availability=["tir-eftermiddag"], age=16
    )
    html = mentor_client.get(reverse("mentoring:browse")).content.decode()
    for label, text in [
        ("Alder", "15-17 år"),
        ("Sprog", "dansk"),
        ("Kan som regel", "tirsdag eftermiddag"),
    ]:
        assert f"<dt>{label}</dt><dd>{text}" in html
    mentor_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = mentor_client.get(reverse("mentoring:browse")).content.decode()
    for label in ["Age", "Area", "Interests", "Languages", "Usually available"]:
        assert f"<dt>{label}</dt>" in html


@pytest.mark.django_db
def test_each_user_gets_their_own_mentor_profile_with_its_postcode():
    nordlandet = postcode("8970", "Nordlandet")
    first, second = make_mentor(), make_mentor(postcode=nordlandet, certificate=False)
    for mentor in (first, second):
        found = mentor_for_user(mentor.user)
        assert found.pk == mentor.pk
        assert found.certified is (mentor is first)
        assert str(found.postcode) == str(mentor.postcode)
        assert found.postcode.area == mentor.postcode.area
    assert mentor_for_user(make_user()) is None
    assert mentor_for_user(AnonymousUser()) is None
